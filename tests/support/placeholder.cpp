// replaced by the fixtures
