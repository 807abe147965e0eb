import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Vanity numbers" }];

export default function Index() {
  return (
    <main>
      <h1>Vanity numbers</h1>
    </main>
  );
}
