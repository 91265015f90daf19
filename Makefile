# evalapp — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORT  # PUBLIC_BASE_URL (QR codes, links in e-mails) follows it unless set
FLASK := $(BIN)/flask --app wsgi

.PHONY: run run-production test lint translations extract-messages bench clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

translations: $(VENV)/.runtime
	$(BIN)/pybabel compile -d evalapp/translations --statistics

run: $(VENV)/.runtime translations
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	@echo
	@echo "evalapp: http://127.0.0.1:$(PORT)   demo logins (all invented):"
	@$(FLASK) demo logins
	@echo
	$(FLASK) serve --host 127.0.0.1 --port $(PORT)   # the server and the job worker, one process

# The production configuration on this machine, over HTTPS with a self-signed certificate and the
# demo data (README, "Trying the production configuration"). Everything it makes, database
# included, lives in instance/production-trial/; TRIAL_DATABASE_URL may name PostgreSQL instead.
TRIAL := $(CURDIR)/instance/production-trial
TRIAL_PORT ?= 8443
TRIAL_DATABASE_URL ?= sqlite:///$(TRIAL)/evalapp.sqlite3
TRIAL_ENV = EVALAPP_ENV=production EVALAPP_INSTANCE_DIR=$(TRIAL) SECRET_KEY="$$(cat $(TRIAL)/secret_key)" \
	DATABASE_URL=$(TRIAL_DATABASE_URL) PUBLIC_BASE_URL=https://localhost:$(TRIAL_PORT) HSTS_SECONDS=0 \
	CERTIFICATE_SIGNING_KEY=$(TRIAL)/certificate_signing_key.pem MAIL_BACKEND=outbox

$(TRIAL)/tls.crt:
	mkdir -p $(TRIAL)
	openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout $(TRIAL)/tls.key -out $(TRIAL)/tls.crt 2>/dev/null

$(TRIAL)/certificate_signing_key.pem:
	mkdir -p $(TRIAL)
	openssl genpkey -algorithm ed25519 -out $@

$(TRIAL)/secret_key:
	mkdir -p $(TRIAL)
	(umask 077; $(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@)

run-production: $(VENV)/.runtime translations $(TRIAL)/tls.crt $(TRIAL)/certificate_signing_key.pem $(TRIAL)/secret_key
	$(TRIAL_ENV) $(FLASK) db upgrade
	$(TRIAL_ENV) $(FLASK) demo load --if-empty --allow-production
	@echo
	@echo "evalapp (production configuration, self-signed certificate): https://localhost:$(TRIAL_PORT)"
	@$(TRIAL_ENV) $(FLASK) demo logins
	@echo
	$(TRIAL_ENV) sh -c '$(FLASK) jobs worker & worker=$$!; trap "kill $$worker" EXIT; \
		$(BIN)/gunicorn --workers 2 --threads 4 --worker-class gthread --no-control-socket \
		--bind 127.0.0.1:$(TRIAL_PORT) --certfile $(TRIAL)/tls.crt --keyfile $(TRIAL)/tls.key wsgi:app'

# one test process per core (TEST_PROCESSES=0 runs them in this process); a file's tests stay together
TEST_PROCESSES ?= auto
test: $(VENV)/.dev translations
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l -o evalapp/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i evalapp/translations/messages.pot -d evalapp/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
