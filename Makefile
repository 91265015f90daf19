# evalapp — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORT  # PUBLIC_BASE_URL (QR codes, links in e-mails) follows it unless set
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint translations extract-messages bench clean

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

test: $(VENV)/.dev translations
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l -o evalapp/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i evalapp/translations/messages.pot -d evalapp/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
