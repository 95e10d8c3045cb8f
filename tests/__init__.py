"""Tests of the minibatch-cee helpers and notebooks (a package, so ``tests.support`` imports)."""
