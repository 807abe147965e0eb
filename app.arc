@app
connect-vanity

@aws
runtime nodejs22.x
architecture arm64
region us-west-2

@http
/*
  method any
  src server

@static
