"""The organisation tree: the one implementation of every ancestor and descendant walk.

It works on a plain child → parent mapping, so the same walks serve organisations loaded in one
query (by primary key) and an import bundle that is not in the database yet (by import id).
"""

from collections.abc import Hashable, Iterable, Mapping
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Tree(Generic[K]):
    """A forest given as child → parent; a walk stops at an unknown parent or where it repeats."""

    def __init__(self, parents: Mapping[K, K | None]) -> None:
        self.parents: dict[K, K | None] = dict(parents)
        self._children: dict[K, list[K]] | None = None

    def __contains__(self, node: object) -> bool:
        return node in self.parents

    def chain(self, node: K) -> list[K]:
        """The ancestors of `node`, nearest first, without `node` itself."""
        found: list[K] = []
        seen = {node}
        current = self.parents.get(node)
        while current is not None and current in self.parents and current not in seen:
            found.append(current)
            seen.add(current)
            current = self.parents[current]
        return found

    def with_ancestors(self, nodes: Iterable[K]) -> set[K]:
        """The given nodes and all their ancestors."""
        found: set[K] = set()
        for node in nodes:
            found.add(node)
            found.update(self.chain(node))
        return found

    def _repeat(self, node: K) -> K | None:
        """The first node met twice walking up from `node`, or None when the walk ends."""
        seen = {node}
        current = self.parents.get(node)
        while current is not None and current in self.parents:
            if current in seen:
                return current
            seen.add(current)
            current = self.parents[current]
        return None

    def loops(self, node: K) -> bool:
        """True when walking up from `node` comes back to a node already passed."""
        return self._repeat(node) is not None

    def break_cycles(self) -> None:
        """Make each node whose parents lead back to itself a root (one node per cycle)."""
        for node in self.parents:
            if self._repeat(node) == node:
                self.parents[node] = None
        self._children = None

    def children(self, node: K) -> list[K]:
        """The direct children of `node`, in the order the mapping lists them."""
        if self._children is None:
            children: dict[K, list[K]] = {}
            for child, parent in self.parents.items():
                if parent is not None and parent in self.parents and parent != child:
                    children.setdefault(parent, []).append(child)
            self._children = children  # published whole: threads may share a tree (memoized)
        return self._children.get(node, [])

    def roots(self) -> list[K]:
        """Nodes without a known parent."""
        return [node for node, parent in self.parents.items() if parent not in self.parents]

    def descendants(self, nodes: Iterable[K], *, depth: int | None = None) -> set[K]:
        """The given nodes and every node below them (at most `depth` levels down)."""
        found: set[K] = set()
        level = [node for node in nodes if node in self.parents]
        remaining = depth
        while level:
            found.update(level)
            if remaining is not None:
                if remaining == 0:
                    break
                remaining -= 1
            level = [child for node in level for child in self.children(node) if child not in found]
        return found
