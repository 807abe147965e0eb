@app
connect-vanity

@aws
runtime nodejs24.x
architecture arm64
region us-west-2

@http
/*
  method any
  src server

@static

@scheduled
retention
  rate 1 day
  src build/retention

@queues
caller-writes
  src build/caller-writes

@tables
data
  pk *String
  sk **String
  expiresAt TTL
  PointInTimeRecovery true

@tables-indexes
data
  gsi1pk *String
  gsi1sk **String
  name gsi1

@plugins
connect
