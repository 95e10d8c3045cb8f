"""Real-browser tests: JupyterLab in headless Chromium (a package, so ``tests.support`` imports)."""
