# minibatch-cee: a thin wrapper around course.py, for those who like `make`.
# course.py does the work, the same on Windows, macOS and Linux (see README, "Two commands"):
#   make lab          = python3 course.py lab
#   make test         = python3 course.py test        (PYTEST_ARGS="-k losses" selects tests)
#   make test-colab   = python3 course.py test-colab
#   make rebuild      = python3 course.py lab --rebuild

PYTHON ?= python3
PYTEST_ARGS ?=

.PHONY: help lab test test-colab rebuild clean-data
.DEFAULT_GOAL := help

help:
	@$(PYTHON) course.py --help

lab:
	$(PYTHON) course.py lab

test:
	$(PYTHON) course.py test -- $(PYTEST_ARGS)

test-colab:
	$(PYTHON) course.py test-colab -- $(PYTEST_ARGS)

rebuild:
	$(PYTHON) course.py lab --rebuild

# delete the downloaded MNIST and the trained network (fetched again on the next run)
clean-data:
	$(PYTHON) -c "import shutil; [shutil.rmtree(p, ignore_errors=True) for p in ('data/mnist', 'data/weights')]"
