package eval

import (
	"cmp"
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type kv struct{ k, i int }
	for _, n := range []int{0, 1, 2, 15, 16, 17, 33, 100, 1000, 5003} {
		s := make([]kv, n)
		for i := range s {
			s[i] = kv{rng.IntN(n/3 + 1), i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
		if err := sortStable(context.Background(), s, func(a, b kv) int { return cmp.Compare(a.k, b.k) }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s, want) {
			t.Errorf("n=%d: not the stable order", n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := make([]int, 100_000)
	if err := sortStable(ctx, s, cmp.Compare[int]); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sort: %v", err)
	}
}
