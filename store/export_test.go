package store

// SetCheckerBuildHook calls f before every checker build (nil: none) and
// returns a function restoring the previous hook.
func SetCheckerBuildHook(f func(s *Store)) func() {
	old := checkerBuildHook
	checkerBuildHook = f
	return func() { checkerBuildHook = old }
}

// InWriteTx reports whether a write transaction is running on s.
func (s *Store) InWriteTx() bool { return s.writing.Load() }
