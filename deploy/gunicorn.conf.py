"""gunicorn settings for one evalapp instance behind nginx (deploy/nginx/evalapp.conf).

Used by deploy/systemd/evalapp-web@.service: `gunicorn --config deploy/gunicorn.conf.py
--bind 127.0.0.1:<port> wsgi:app`. Each value can be overridden on the command line.
"""

# Two processes of four threads: a save spends most of its time waiting on PostgreSQL, and two
# processes keep an instance answering while one of them is replaced.
workers = 2
threads = 4
worker_class = "gthread"

# Longer than nginx's upstream keepalive_timeout (60 s): nginx closes an idle connection first,
# so it never sends a request on a connection gunicorn is closing.
keepalive = 75
# A request (a certificate PDF, a large upload) may take this long before its worker is replaced;
# nginx's proxy_read_timeout is a little longer.
timeout = 60
# On SIGTERM (systemctl stop/restart) requests in flight get this long to finish; the unit's
# TimeoutStopSec is longer.
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter, so not all at once).
max_requests = 2000
max_requests_jitter = 200

# X-Forwarded-Proto is believed from nginx on the same machine only (the default); the client's
# address is taken from X-Forwarded-For by the application (PROXY_HOPS).
forwarded_allow_ips = "127.0.0.1,::1"
control_socket_disable = True
accesslog = "-"
errorlog = "-"


def post_worker_init(worker):
    """What the worker loaded at start (modules, rulebooks, sheets, templates) lives as long as
    the process: keep it out of the cyclic garbage collector, whose full passes over it cost up
    to about 40 % of a 150-dossier list request (issue 17, measured with `gc.freeze()` in
    bench/results_bench.py's process)."""
    import gc

    gc.freeze()
