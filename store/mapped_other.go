//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

func releaseMapped(*bolt.DB, *bolt.Tx) {}
