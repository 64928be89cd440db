"""An import-linter contract type, ``no_cycles``: no import circle between the modules of the
given packages, whether the imports sit at the top of a module or inside a function.

import-linter's own ``acyclic_siblings`` checks packages against their siblings, which is
another rule: two rooms of an app may import each other's modules without any module
ever importing itself through others, and a package importing a module that imports the
package back is never a sibling cycle. This contract looks at modules alone, with the
same import graph (grimp's) the other contracts read, and names each circle it finds with
the lines that make it.

Registered in pyproject.toml (``contract_types``); ``.ci/lint-imports`` puts this folder on
the path.
"""

from collections import deque

from importlinter import Contract, ContractCheck, fields, output


class NoCyclesContract(Contract):
    """Options: ``containers``, the packages whose modules must not import each other in a
    circle (each module of them with every module it reaches, in any of them)."""

    type_name = "no_cycles"

    containers = fields.SetField(subfield=fields.StringField())

    def check(self, graph, verbose):
        modules = {
            module
            for container in self.containers
            for module in {container, *graph.find_descendants(container)}
        }
        imports = {
            module: set(graph.find_modules_directly_imported_by(module)) & modules
            for module in modules
        }
        cycles = [_shortest_cycle(group, imports) for group in _tangled_groups(imports)]
        details = [
            [
                (importer, imported, _lines(graph, importer, imported))
                for importer, imported in zip(cycle, cycle[1:] + cycle[:1], strict=True)
            ]
            for cycle in cycles
        ]
        output.verbose_print(verbose, f"Found {len(cycles)} import circles.")
        return ContractCheck(kept=not cycles, metadata={"cycles": details})

    def render_broken_contract(self, check):
        for cycle in check.metadata["cycles"]:
            output.print_error(f"An import circle through {len(cycle)} modules:")
            output.new_line()
            for importer, imported, lines in cycle:
                output.print_error(f"- {importer} -> {imported} (l. {lines})", bold=False)
            output.new_line()


def _lines(graph, importer, imported):
    details = graph.get_import_details(importer=importer, imported=imported)
    return ", ".join(str(detail["line_number"]) for detail in details) or "?"


def _tangled_groups(imports):
    """Each set of two or more modules that all reach one another (Tarjan's strongly
    connected components, without recursion), in a stable order."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for root in sorted(imports):
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(imports[root])))]
        while work:
            module, pending = work[-1]
            for imported in pending:
                if imported not in index:
                    index[imported] = low[imported] = counter
                    counter += 1
                    stack.append(imported)
                    on_stack.add(imported)
                    work.append((imported, iter(sorted(imports[imported]))))
                    break
                if imported in on_stack:
                    low[module] = min(low[module], index[imported])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return sorted(groups, key=min)


def _shortest_cycle(group, imports):
    """The shortest circle through the first module of ``group`` (by name)."""
    start = min(group)
    came_from = {start: None}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for imported in sorted(imports[module] & group):
            if imported == start:
                path = [module]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if imported not in came_from:
                came_from[imported] = module
                queue.append(imported)
    raise AssertionError(f"{start} reaches no circle in its own group")
