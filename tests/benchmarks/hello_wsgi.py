"""A WSGI app that answers 200, for starting a real gunicorn in the bench's tests."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
