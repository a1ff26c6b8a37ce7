"""The type stubs shipped with the package describe what the module holds: every public name,
every method of `Linter` with the parameters, in order and with the defaults, the compiled
module takes, and a docstring for each (the `model` switch included)."""

import ast
import inspect
import pathlib

import sanshen

STUBS = pathlib.Path(sanshen.__file__).parent / "__init__.pyi"


def stub_module():
    return ast.parse(STUBS.read_text(encoding="utf-8"))


def stub_class(name):
    (cls,) = [n for n in stub_module().body if isinstance(n, ast.ClassDef) and n.name == name]
    return cls


def stub_parameters(function):
    """(name, default as source text or None) of a stub's parameters, `self` left out."""
    args = function.args
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    return [(a.arg, None if d is None else ast.unparse(d))
            for a, d in zip(args.args, defaults) if a.arg != "self"]


def runtime_parameters(function):
    return [(p.name, None if p.default is inspect.Parameter.empty else repr(p.default))
            for p in inspect.signature(function).parameters.values() if p.name != "self"]


def test_every_public_name_has_a_stub():
    names = set()
    for node in stub_module().body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    assert set(sanshen.__all__) <= names, set(sanshen.__all__) - names


def test_linter_methods_match_the_module():
    methods = {f.name: f for f in stub_class("Linter").body if isinstance(f, ast.FunctionDef)}
    public = {n for n in dir(sanshen.Linter) if not n.startswith("_")}
    assert public == set(methods) - {"__init__"}
    for name, function in methods.items():
        runtime = sanshen.Linter if name == "__init__" else getattr(sanshen.Linter, name)
        assert stub_parameters(function) == runtime_parameters(runtime), name
        assert ast.get_docstring(function), f"{name} has no docstring in the stubs"
        assert runtime.__doc__, f"{name} has no docstring in the module"


def test_is_reply_matches_the_module():
    (function,) = [n for n in stub_module().body
                   if isinstance(n, ast.FunctionDef) and n.name == "is_reply"]
    assert stub_parameters(function) == runtime_parameters(sanshen.is_reply)


def test_every_parameter_of_the_constructor_is_documented():
    (init,) = [f for f in stub_class("Linter").body
               if isinstance(f, ast.FunctionDef) and f.name == "__init__"]
    doc = ast.get_docstring(init)
    for name, _ in stub_parameters(init):
        assert f":param {name}:" in doc, name
