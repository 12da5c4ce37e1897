"""Rules: YAML checks compiled against the claim kinds, ready to evaluate.

Each rule is validated by the pydantic RuleSpec model, then every expression in it
is parsed and checked against its kind's fields and params. All problems in all
files are collected and reported together, each with file, line, column and key.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection

from pydantic import ValidationError

from ..checking.expressions import Expression, ExpressionError, FieldType, compile_expression
from ..checking.functions import FUNCTIONS
from ..checking.templates import Template, compile_template
from ..checking.wording import ENGLISH, in_language, per_language
from .yamlsource import SourceError, YamlDoc, did_you_mean, display_path, load_yaml, pydantic_errors

if TYPE_CHECKING:  # validated at load time; a loaded rule holds frozen copies (frozen.py)
    from ..checking.wording import LocalText
    from .schema import KindSpec, RuleSpec


@dataclass
class Rule:
    spec: RuleSpec
    file: str  # absolute path of the rule file
    line: int
    kind: KindSpec
    where: Expression | None
    check: Expression
    messages: dict[str, Template]  # per language, English first when given
    fix: tuple[str, Template] | None
    params: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Expression] = field(default_factory=dict)
    holds: dict[str, Template] = field(default_factory=dict)  # the arithmetic of a claim that holds, per language

    @property
    def path(self) -> str:
        """The rule file as a person would type it from here."""
        return display_path(self.file)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def severity(self) -> str:
        return self.spec.severity

    def label(self, field_name: str) -> str:
        return self.spec.labels.get(field_name) or self.kind.fields[field_name].label

    def runs_on(self, lang: str) -> bool:
        return self.spec.langs is None or lang in self.spec.langs

    def title(self, lang: str = ENGLISH) -> str:
        """The rule's title for a reader of ``lang`` (English when it has none in that language)."""
        return in_language(per_language(self.spec.title), lang)[1]

    def help(self, lang: str = ENGLISH) -> str | None:
        """What the writer can do, for a reader of ``lang``; None when the rule says nothing."""
        texts = per_language(self.spec.help)
        return in_language(texts, lang)[1] if texts else None

    def languages(self) -> set[str]:
        """The languages every text of the rule (title, message, help, holds) is given in."""
        given = [per_language(t) for t in (self.spec.title, self.spec.message, self.spec.help, self.spec.holds)
                 if t is not None]
        return set.intersection(*(set(t) for t in given))


def rule_files(dirs: list[Path]) -> list[Path]:
    """The rule files of some folders (their ``checks/`` and top level), in a stable order."""
    files: list[Path] = []
    for d in dirs:
        if d.is_file():
            files.append(d)
            continue
        for sub in (d / "checks", d):
            if sub.is_dir():
                files.extend(p for p in sorted(sub.glob("*.yaml")) + sorted(sub.glob("*.yml"))
                             if p.name != "kinds.yaml" and p.name != "factcheck.yaml")
    return files


def load_rules(files: list[Path], kinds: dict[str, KindSpec], errors: list[SourceError],
               overrides: dict[str, dict[str, Any]] | None = None, languages: Collection[str] | None = None
               ) -> list[Rule]:
    """The rules of some files; ``languages`` (when given) are the codes a rule may name."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            doc = load_yaml(path)
        except SourceError as exc:
            errors.append(exc)
            continue
        for at, entry in doc.entries():
            rule = _load_one(entry, kinds, errors, (overrides or {}), languages)
            if rule is None:
                continue
            for name in [rule.id, *rule.spec.aliases]:
                if name in seen:
                    errors.append(doc.error(at + ("id",), f"rule id {name!r} is already used in {seen[name]}"))
                    break
                seen[name] = doc.path
            else:
                rules.append(rule)
    return rules


def _load_one(doc: YamlDoc, kinds: dict[str, KindSpec], errors: list[SourceError],
              overrides: dict[str, dict[str, Any]], languages: Collection[str] | None) -> Rule | None:
    if not isinstance(doc.data, dict):
        errors.append(doc.error((), "a rule is a mapping with id, title, applies_to, assert, message, tests"))
        return None
    from .schema import RuleSpec

    try:
        spec = RuleSpec.model_validate(doc.data)
    except ValidationError as exc:
        errors.extend(pydantic_errors(doc, exc, RuleSpec))
        return None
    kind = kinds.get(spec.applies_to)
    if kind is None:
        errors.append(doc.error(("applies_to",), f"unknown claim kind {spec.applies_to!r}"
                                                 f"{did_you_mean(spec.applies_to, kinds)}"
                                                 f" (known: {', '.join(sorted(kinds))})"))
        return None
    if languages is not None:
        _check_languages(doc, spec, sorted(languages), errors)
    params = dict(spec.params)
    for key, value in overrides.get(spec.id, {}).items():
        if key not in params:
            errors.append(doc.error(("params",), f"the configuration sets param {key!r}, which this rule does not have"))
        params[key] = value
    names = set(kind.fields) | set(params) | {"published"}
    fields = {"published": FieldType(frozenset({"date"}))}
    fields.update({name: FieldType(frozenset(f.types()), f.list) for name, f in kind.fields.items()})
    failed = len(errors)

    def expr_at(key: tuple[str, ...], source: str) -> Expression | None:
        try:
            return compile_expression(source, names, fields)
        except ExpressionError as exc:
            errors.append(doc.error(key, str(exc)))
            return None

    def expr(key: str, source: str) -> Expression | None:
        return expr_at((key,), source)

    def template(key: tuple[str, ...], source: str) -> Template | None:
        try:
            return compile_template(source, names, fields)
        except ExpressionError as exc:
            errors.append(doc.error(key, str(exc)))
            return None

    where = expr("where", spec.where) if spec.where else None
    check = expr("assert", spec.assert_)
    messages = _templates("message", spec.message, template)
    holds = _templates("holds", spec.holds, template)
    evidence = {name: expr_at(("evidence", name), source) for name, source in spec.evidence.items()}
    for label_field in spec.labels:
        if label_field not in kind.fields:
            errors.append(doc.error(("labels", label_field), f"{spec.applies_to} has no field {label_field!r}"))
    fix = None
    if spec.fix is not None:
        if isinstance(spec.fix, str):
            target = _stated_field(check, set(kind.fields))
            if target is None:
                errors.append(doc.error(("fix",), "cannot tell which value the fix replaces: "
                                                  "use fix: {field: ..., replacement: ...}"))
            fix_source, fix_key = spec.fix, ("fix",)
        else:
            target, fix_source, fix_key = spec.fix.field, spec.fix.replacement, ("fix", "replacement")
            if target not in kind.fields:
                errors.append(doc.error(("fix", "field"), f"{spec.applies_to} has no field {target!r}"))
        fix_template = template(fix_key, fix_source)
        if target and fix_template:
            fix = (target, fix_template)
    for name, how in _text_params_used_as_numbers(params, [e for e in (where, check, *evidence.values()) if e]):
        errors.append(doc.error(("params", name), f"{params[name]!r} is text, but {how}: give a number"))
    if len(errors) > failed or check is None or messages is None:
        return None
    line = doc.locate(())[0]
    return Rule(spec, doc.file, line, kind, where, check, messages, fix, params,
                {k: v for k, v in evidence.items() if v is not None}, holds or {})


def _templates(key: str, text: LocalText | None,
               compile_one: Callable[[tuple[str, ...], str], Template | None]) -> dict[str, Template] | None:
    """A text's templates per language (English first), each error keyed by its language; None on an error."""
    if isinstance(text, str):
        one = compile_one((key,), text)
        return None if one is None else {ENGLISH: one}
    texts = per_language(text)
    order = sorted(texts, key=lambda lang: lang != ENGLISH)
    compiled = {lang: compile_one((key, lang), texts[lang]) for lang in order}
    if any(t is None for t in compiled.values()):
        return None
    return {lang: t for lang, t in compiled.items() if t is not None}


def _check_languages(doc: YamlDoc, spec: RuleSpec, known: list[str], errors: list[SourceError]) -> None:
    """Every language the rule and its examples name has a pack ("langs: [vn]" was accepted,
    and the rule then ran on nothing)."""
    from .languages import no_language

    named: list[tuple[tuple[str | int, ...], str]] = [(("langs", i), code) for i, code in enumerate(spec.langs or [])]
    for group, cases in (("pass", spec.tests.pass_), ("fail", spec.tests.fail)):
        named += [(("tests", group, i, "lang"), case.lang) for i, case in enumerate(cases)]
    for at, code in named:
        if code not in known:
            errors.append(doc.error(at, no_language(code, known)))


def _text_params_used_as_numbers(params: dict[str, Any], expressions: list[Expression]) -> list[tuple[str, str]]:
    """Params whose value is text but which an expression computes with ("limit: hundred"
    in ``x <= limit``): found at load, else every claim would be skipped as undetermined."""
    text = {name for name, value in params.items() if isinstance(value, str)}
    found: dict[str, str] = {}

    def note(node: ast.AST, how: str) -> None:
        if isinstance(node, ast.Name) and node.id in text:
            found.setdefault(node.id, how)

    for expression in expressions:
        for node in ast.walk(expression.tree):
            if isinstance(node, ast.BinOp):
                note(node.left, f"{expression.source!r} computes with it")
                note(node.right, f"{expression.source!r} computes with it")
            elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
                note(node.operand, f"{expression.source!r} computes with it")
            elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE))
                                                       for op in node.ops):
                for operand in (node.left, *node.comparators):
                    note(operand, f"{expression.source!r} compares it as a number")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in FUNCTIONS:
                function = FUNCTIONS[node.func.id]  # type: ignore[attr-defined]
                for position, arg in enumerate(node.args):
                    if _parameter_at(function.signature, position) in function.numbers:
                        note(arg, f"{expression.source!r} passes it as a number (argument {position + 1})")
                for keyword in node.keywords:
                    if keyword.arg in function.numbers:
                        note(keyword.value, f"{expression.source!r} passes it as {keyword.arg}=")
    return sorted(found.items())


def _parameter_at(signature: inspect.Signature, position: int) -> str | None:
    """The parameter a positional argument fills (a ``*items`` takes every one from its place)."""
    for i, param in enumerate(signature.parameters.values()):
        if param.kind is param.VAR_POSITIONAL:
            return param.name
        if i == position:
            return param.name
    return None


def _stated_field(check: Expression | None, fields: set[str]) -> str | None:
    """The field given as the stated value (the registry says which parameter that is)
    to the first function of the assert that has one."""
    if check is None:
        return None
    for node in ast.walk(check.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
            function = FUNCTIONS[node.func.id]
            if function.stated is None:
                continue
            try:
                bound = function.signature.bind_partial(*node.args, **{k.arg: k.value for k in node.keywords if k.arg})
            except TypeError:
                continue
            target = bound.arguments.get(function.stated)
            if isinstance(target, ast.Name) and target.id in fields:
                return target.id
    return None
