"""Helpers of the tests: servers, crawls, markup mutations, misbehaving components."""
