// Screenshot tests: the sign-in page, the dashboard and a caller's page at a phone's width (375 px)
// and a laptop's (1280 px). Each test saves a full-page screenshot (attached to the report and kept
// in test-results/ for a person to look at) and checks, from the DOM, the layout rules a person
// would notice when broken: no sideways scrolling, a tidy navigation, one-line fields and badges,
// nothing clipped, tap targets big enough on a phone.
//
// No pixel baselines: the specs run on whichever Chromium the machine has (Debian's, Playwright's
// or the one in @sparticuz/chromium), whose fonts and anti-aliasing differ, so an image diff would
// fail on a new machine and pass a real regression that happens to look "close". Measured boxes
// are stable across builds and say what is wrong.
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { call, callerRows, displayNumber, SIGNED_OUT, uniqueCallerNumber } from "./support";

const PHONE = 375;
const LAPTOP = 1280;
/**
 * Smallest height for a phone's main buttons, fields and navigation: about 40 px, a fingertip
 * (WCAG 2.5.5 asks 44). Today the navigation items are 39.2 px, fields 44 and Sign in 41.
 */
const MIN_TAP_HEIGHT = 38;
/** Taller than this, a single-line field has grown (it was 224 px once: a flex basis in a column). */
const MAX_FIELD_HEIGHT = 60;
/** Slack for sub-pixel rounding when comparing edges. */
const PX = 2;

interface Measured {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
  /** Lines the element's text takes. */
  lines: number;
  /** How far its text or content sticks out of the element or its parent, in px (0 when it fits). */
  overflow: number;
}

/** The element's box, how many lines its text takes and whether anything sticks out. */
async function measure(locator: Locator): Promise<Measured> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(element);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
    const tops: number[] = [];
    for (const rect of rects) if (!tops.some((top) => Math.abs(top - rect.top) < rect.height / 2)) tops.push(rect.top);
    const text = range.getBoundingClientRect();
    const parent = element.parentElement!.getBoundingClientRect();
    const inline = getComputedStyle(element).display === "inline";
    const overflow = Math.max(
      0,
      inline ? 0 : element.scrollWidth - element.clientWidth,
      text.width > 0 ? text.right - parent.right : 0,
      parent.left - text.left,
      box.right - parent.right,
    );
    return {
      top: box.top,
      bottom: box.bottom,
      left: box.left,
      right: box.right,
      width: box.width,
      height: box.height,
      lines: tops.length,
      overflow,
    };
  });
}

/** A full-page screenshot, attached to the report and kept under test-results/. */
async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function expectNoSidewaysScrolling(page: Page) {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    viewport: window.innerWidth,
  }));
  expect(scrollWidth, "the page is wider than the window: it scrolls sideways").toBeLessThanOrEqual(viewport);
}

/** Text on one line, nothing sticking out of its box or its parent's. */
async function expectOneLineNotClipped(locator: Locator, what: string) {
  const box = await measure(locator);
  expect(box.lines, `${what} wraps onto ${box.lines} lines`).toBe(1);
  expect(box.overflow, `${what} is clipped or sticks out by ${box.overflow.toFixed(1)} px`).toBeLessThanOrEqual(1);
  return box;
}

/** Text that may wrap but stays inside its box. */
async function expectNotClipped(locator: Locator, what: string) {
  const box = await measure(locator);
  expect(box.overflow, `${what} is clipped or sticks out by ${box.overflow.toFixed(1)} px`).toBeLessThanOrEqual(1);
  return box;
}

function expectTappable(box: Measured, what: string) {
  expect(box.height, `${what} is only ${box.height.toFixed(1)} px tall to tap`).toBeGreaterThanOrEqual(MIN_TAP_HEIGHT);
}

/**
 * The main navigation: each item on one line and on screen, no two overlapping, items of a row
 * sharing a top. On a laptop it is one row beside the brand; on a phone whole items may wrap to a
 * second row. Sign out, a form's button, must look and sit like the links beside it.
 */
async function expectTidyNavigation(page: Page, width: number, signedIn: boolean) {
  const nav = page.getByRole("navigation", { name: "Main" });
  const items = nav.getByRole("listitem").locator("a, button");
  const names = await items.allInnerTexts();
  expect(names.slice(0, 2)).toEqual(["Dashboard", "Try a number"]);
  expect(names.includes("Sign out")).toBe(signedIn);

  const boxes: Array<Measured & { name: string }> = [];
  for (const [index, name] of names.entries()) {
    const box = await expectOneLineNotClipped(items.nth(index), `the "${name}" navigation item`);
    expect(box.left, `"${name}" starts off screen`).toBeGreaterThanOrEqual(0);
    expect(box.right, `"${name}" runs off screen`).toBeLessThanOrEqual(width);
    if (width === PHONE) expectTappable(box, `the "${name}" navigation item`);
    boxes.push({ ...box, name });
  }
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.left < b.right - PX && b.left < a.right - PX && a.top < b.bottom - PX && b.top < a.bottom - PX;
      expect(overlap, `"${a.name}" and "${b.name}" overlap`).toBe(false);
    }

  // Rows: items whose middles fall within the first item of the row. In a row every item has the
  // same top and the same height, Sign out included.
  const rows: Array<typeof boxes> = [];
  for (const box of boxes) {
    const middle = (box.top + box.bottom) / 2;
    const row = rows.find((r) => r[0]!.top < middle && middle < r[0]!.bottom);
    if (row) row.push(box);
    else rows.push([box]);
    expect(
      Math.abs(box.height - boxes[0]!.height),
      `"${box.name}" is ${box.height.toFixed(1)} px tall, "Dashboard" ${boxes[0]!.height.toFixed(1)} px`,
    ).toBeLessThanOrEqual(PX);
  }
  for (const row of rows)
    for (const box of row.slice(1))
      expect(
        Math.abs(box.top - row[0]!.top),
        `"${box.name}" is ${(box.top - row[0]!.top).toFixed(1)} px off the line of "${row[0]!.name}" beside it`,
      ).toBeLessThanOrEqual(PX);
  if (width === LAPTOP) {
    expect(
      rows.map((row) => row.map((b) => b.name)),
      "the navigation wraps on a laptop",
    ).toHaveLength(1);
    const brand = await measure(page.getByRole("link", { name: "Vanity numbers", exact: true }));
    const middle = (b: Measured) => (b.top + b.bottom) / 2;
    expect(Math.abs(middle(brand) - middle(boxes[0]!)), "the navigation is not level with the brand").toBeLessThanOrEqual(4);
  } else {
    // Wrapped rows start at the same left edge, one under the other.
    for (const [i, row] of rows.entries()) {
      expect(Math.abs(row[0]!.left - rows[0]![0]!.left), `navigation row ${i + 1} starts at another left edge`).toBeLessThanOrEqual(PX);
      if (i > 0) expect(row[0]!.top, `navigation row ${i + 1} overlaps the row above`).toBeGreaterThanOrEqual(rows[i - 1]![0]!.bottom - PX);
    }
  }
  // Sign out comes last, after the links, on the last row.
  if (signedIn) expect(rows.at(-1)!.at(-1)!.name).toBe("Sign out");
}

for (const width of [PHONE, LAPTOP]) {
  test.describe(`layout at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test.describe("signed out", () => {
      test.use({ storageState: SIGNED_OUT });

      test(`the sign-in page at ${width} px`, async ({ page }, testInfo) => {
        await page.goto("/login");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
        await screenshot(page, testInfo, `login-${width}`);

        await expectNoSidewaysScrolling(page);
        await expectTidyNavigation(page, width, false);
        await expectOneLineNotClipped(page.getByRole("heading", { level: 1 }), "the heading");

        const name = await measure(page.getByLabel("Name"));
        const password = await measure(page.getByLabel("Password"));
        for (const [field, box] of [
          ["Name", name],
          ["Password", password],
        ] as const) {
          expect(box.height, `the ${field} field is ${box.height} px tall`).toBeLessThan(MAX_FIELD_HEIGHT);
          if (width === PHONE) expectTappable(box, `the ${field} field`);
        }
        // The two fields line up, one under the other.
        expect(Math.abs(name.left - password.left), "the fields start at different left edges").toBeLessThanOrEqual(PX);
        expect(Math.abs(name.width - password.width), `the fields are ${name.width} and ${password.width} px wide`).toBeLessThanOrEqual(PX);
        expect(password.top).toBeGreaterThan(name.bottom);

        const button = await expectOneLineNotClipped(page.getByRole("button", { name: "Sign in" }), "the Sign in button");
        expect(button.height, `the Sign in button is ${button.height} px tall`).toBeLessThan(MAX_FIELD_HEIGHT);
        expect(button.top, "the Sign in button is not below the password").toBeGreaterThanOrEqual(password.bottom - PX);
        if (width === PHONE) expectTappable(button, "the Sign in button");
      });
    });

    test(`the callers page at ${width} px`, async ({ page, request }, testInfo) => {
      // More than a page, so that the pager shows.
      await Promise.all(Array.from({ length: 24 }, () => call(request, uniqueCallerNumber())));
      const callers = [uniqueCallerNumber(), uniqueCallerNumber(), uniqueCallerNumber()];
      for (const e164 of callers) await call(request, e164);
      await call(request, callers[0]!); // a repeat caller, on top with 2 calls
      const latestNumber = displayNumber(callers[0]!);

      await page.goto("/");
      const rows = callerRows(page);
      await expect(rows.first().getByRole("rowheader")).toHaveText(latestNumber);
      await expect(page.getByTestId("chart-bar").first()).toBeAttached();
      await screenshot(page, testInfo, `dashboard-${width}`);

      await expectNoSidewaysScrolling(page);
      await expectTidyNavigation(page, width, true);
      await expectOneLineNotClipped(page.getByRole("heading", { level: 1 }), "the heading");
      await expectNotClipped(page.getByTestId("calls-chart"), "the chart");

      // Each row: the number (a link), the best vanity number on one line, the latest call, the count.
      const first = rows.first();
      const link = await expectOneLineNotClipped(first.getByRole("link", { name: latestNumber }), "the latest caller's number");
      if (width === PHONE) expectTappable(link, "the latest caller's number, the link to their page");
      await expectOneLineNotClipped(first.getByRole("cell").nth(0), "the best vanity number");
      await expectOneLineNotClipped(first.getByRole("cell").nth(1), "the latest call");
      await expect(first.getByRole("cell").nth(2)).toHaveText("2");

      // The search and the date fields are usable: on a phone each is a full-width row, tall enough to tap.
      const form = await measure(page.getByRole("search", { name: "Find callers" }));
      for (const name of ["Number", "Latest call from", "to"]) {
        const field = await measure(page.getByLabel(name, { exact: true }));
        expect(field.right, `the ${name} field sticks out of the form`).toBeLessThanOrEqual(form.right + PX);
        expect(field.height, `the ${name} field is ${field.height} px tall`).toBeLessThan(MAX_FIELD_HEIGHT);
        if (width === PHONE) {
          expectTappable(field, `the ${name} field`);
          expect(field.width, `the ${name} field is not the form's width`).toBeGreaterThan(form.width * 0.8);
        }
      }
      // Newer and Older side by side, inside the page.
      await expectNotClipped(page.getByRole("navigation", { name: "Pages of callers" }), "the pager");
    });

    test(`a caller's page at ${width} px`, async ({ page, request }, testInfo) => {
      const e164 = uniqueCallerNumber();
      await call(request, e164);

      await page.goto(`/callers/${e164}`);
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toHaveText(displayNumber(e164));
      await screenshot(page, testInfo, `caller-${width}`);

      await expectNoSidewaysScrolling(page);
      await expectTidyNavigation(page, width, true);
      await expectOneLineNotClipped(heading, "the caller's number (the heading)");
      const back = await expectOneLineNotClipped(page.getByRole("link", { name: "← Callers" }), "the breadcrumb");
      if (width === PHONE) expectTappable(back, "the way back to the callers");
      await expectNotClipped(page.getByText("Latest call", { exact: true }), "when they last called");
      await expect(page.getByRole("table", { name: `Calls from ${displayNumber(e164)}` }).locator("tbody tr")).toHaveCount(1);

      const vanity = page.getByRole("list", { name: `Vanity numbers for ${displayNumber(e164)}` }).getByRole("listitem");
      await expect(vanity).toHaveCount(5);
      await expectVanityList(vanity, page.getByRole("article"), "on the caller's page");
    });
  });
}

/**
 * Five vanity numbers: each on one line inside its row and its card, the BEST badge on the first
 * row's line and one line itself.
 */
async function expectVanityList(rows: Locator, card: Locator, where: string) {
  const cardBox = await measure(card);
  for (let i = 0; i < 5; i++) {
    const row = await measure(rows.nth(i));
    expect(row.left, `vanity row ${i + 1} ${where} starts outside its card`).toBeGreaterThanOrEqual(cardBox.left);
    expect(row.right, `vanity row ${i + 1} ${where} ends outside its card`).toBeLessThanOrEqual(cardBox.right);
    await expectOneLineNotClipped(rows.nth(i).locator(".vanity__number"), `vanity number ${i + 1} ${where}`);
  }
  const best = rows.first();
  const number = await measure(best.locator(".vanity__number"));
  const badge = await expectOneLineNotClipped(best.getByText("Best", { exact: true }), `the BEST badge ${where}`);
  expect(badge.top, `the BEST badge ${where} is not on the best number's line`).toBeLessThan(number.bottom);
  expect(badge.bottom, `the BEST badge ${where} is not on the best number's line`).toBeGreaterThan(number.top);
  expect(badge.left).toBeGreaterThan(number.right - PX);
}
