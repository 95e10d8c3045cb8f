# minibatch-cee: the two commands of the README.
#   make lab    set up .venv, fetch MNIST, open the series in JupyterLab
#   make test   set up .venv, fetch MNIST, lint (ruff), run unit tests + notebooks (nbval) + browser tests
# Both are idempotent: a second run only re-checks (about a second).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: setup data lab test clean-data help
.DEFAULT_GOAL := help

help:
	@echo "make lab    set up, fetch MNIST, open the series in JupyterLab"
	@echo "make test   set up, fetch MNIST, run the whole test suite"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "minibatch-cee needs Python 3.10 or newer; set PYTHON=python3.x")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

setup: $(STAMP)

# MNIST (verified by sha256) and the pretrained network the lessons use
data: setup
	$(PY) -m helpers.mnist
	$(PY) -m helpers.network

# as root (containers), JupyterLab refuses to start without --allow-root
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

lab: data
	$(VENV)/bin/jupyter lab $(LAB_ARGS) notebooks/00-index.ipynb

test: data
	$(PY) -m ruff check .
	$(PY) -m pytest --nbval-lax --nbval-current-env tests notebooks $(PYTEST_ARGS)

clean-data:
	rm -rf data/mnist data/weights
