using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

internal sealed partial class SchemaCompiler
{
    /// <summary>What a property or item maps to: its kind, C# type, and the export it refers to, if any.</summary>
    private sealed record Shape(TypeKind Kind, string CsType, TypeExport? Export, JsonNode Node, Shape? Item = null);

    private static readonly HashSet<string> TypedString = KeywordSupport.Set(KeywordSupport.Use.TypedString);
    private static readonly HashSet<string> TypedNumber = KeywordSupport.Set(KeywordSupport.Use.TypedNumber);
    private static readonly HashSet<string> TypedArray = KeywordSupport.Set(KeywordSupport.Use.TypedArray);
    private static readonly HashSet<string> TypedObject = KeywordSupport.Set(KeywordSupport.Use.TypedObject);
    private static readonly HashSet<string> TypedMap = KeywordSupport.Set(KeywordSupport.Use.TypedMap);

    /// <summary>The schema that accepts everything, for items and members a schema does not describe.</summary>
    private static readonly JsonNode EmptySchema = JsonNode.Parse("{}");

    private Shape ShapeOf(JsonNode node, string owner, string property)
    {
        if (node[KeywordCatalog.Ref.Name] is { Kind: JsonKind.String } reference)
        {
            var export = Resolve(reference);
            if (export is null)
            {
                return new Shape(TypeKind.Any, ScalarType(TypeKind.Any), null, node);
            }

            return new Shape(export.Kind, export.CsType, export, node);
        }

        var kind = KindOf(node);
        switch (kind)
        {
            case TypeKind.Class:
                var className = Reserve(owner + Names.Pascal(property));
                _pendingClasses.Enqueue((node, className));
                return new Shape(kind, $"global::{_namespace}.{className}", null, node);
            case TypeKind.Enum:
                var enumName = Reserve(owner + Names.Pascal(property));
                _pendingEnums.Enqueue((node, enumName));
                return new Shape(kind, $"global::{_namespace}.{enumName}", new TypeExport("", kind, $"global::{_namespace}.{enumName}", $"global::{_namespace}.{enumName}Codes"), node);
            case TypeKind.Array:
                var item = node[KeywordCatalog.Items.Name] is { IsObject: true } items ? ShapeOf(items, owner, property + "Item") : new Shape(TypeKind.Any, ScalarType(TypeKind.Any), null, EmptySchema);
                return new Shape(kind, $"global::System.Collections.Generic.List<{item.CsType}>", null, node, item);
            case TypeKind.Map:
                var value = node[KeywordCatalog.AdditionalProperties.Name] is { IsObject: true } values ? ShapeOf(values, owner, property + "Value") : new Shape(TypeKind.Any, ScalarType(TypeKind.Any), null, EmptySchema);
                return new Shape(kind, $"global::System.Collections.Generic.Dictionary<string, {value.CsType}>", null, node, value);
            default:
                return new Shape(kind, ScalarType(kind), null, node);
        }
    }

    private TypeExport? Resolve(JsonNode reference)
    {
        if (!SchemaReference.TryResolve(_baseUri, reference.Text, out var resolved))
        {
            Report(Diagnostics.UnresolvedReference.Id, reference, $"'$ref' '{reference.Text}' is not a valid URI reference.");
            return null;
        }

        var uri = resolved.ToString();
        if (_catalog.TryGetValue(uri, out var export))
        {
            if (_standardReference is null && EmbeddedSpec.IsEmbedded(export))
            {
                _standardReference = new DiagnosticInfo(Diagnostics.MissingModel.Id, _source.Path, reference.Line, reference.Column,
                    $"'$ref' '{reference.Text}' refers to the standard, whose types are in the package {EmbeddedSpec.ModelNamespace}; add <PackageReference Include=\"{EmbeddedSpec.ModelNamespace}\" /> to the project. No code is generated for this file until then.");
            }

            return export;
        }

        Report(Diagnostics.UnresolvedReference.Id, reference, $"'$ref' '{reference.Text}' ({uri}) is not the root or a $defs entry of any schema file given to the generator (AdditionalFiles in a project); add the file it points to.");
        return null;
    }

    /// <summary>Keywords of <paramref name="node"/> that the typed reader of <paramref name="shape"/> does not check.</summary>
    private static HashSet<string> Rest(JsonNode node, Shape shape)
    {
        var handled = shape.Export is not null && node[KeywordCatalog.Ref.Name] is not null
            ? new HashSet<string>(StringComparer.Ordinal) { KeywordCatalog.Ref.Name }
            : shape.Kind switch
            {
                TypeKind.String or TypeKind.DateTime or TypeKind.Date or TypeKind.Uuid or TypeKind.Enum => TypedString,
                TypeKind.Integer or TypeKind.Number => TypedNumber,
                TypeKind.Boolean => new HashSet<string>(StringComparer.Ordinal) { "type" },
                TypeKind.Array => TypedArray,
                TypeKind.Class => TypedObject,
                TypeKind.Map => TypedMap,
                _ => new HashSet<string>(StringComparer.Ordinal),
            };
        var rest = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in node.Members)
        {
            if (!Annotations.Contains(member.Key) && !handled.Contains(member.Key))
            {
                rest.Add(member.Key);
            }
        }

        // Typed lists compare items with HashSet, which is right for scalars only; other items are compared as JSON.
        if (shape.Kind == TypeKind.Array && UniqueItemsCheck.Applies(node) && !IsScalar(shape.Item))
        {
            rest.Add(KeywordCatalog.UniqueItems.Name);
        }

        // A class keeps additionalProperties:false in its reader only; anything else goes to the element check.
        if (shape.Kind == TypeKind.Class && node[KeywordCatalog.AdditionalProperties.Name] is { } extra && (extra.Kind is not (JsonKind.False or JsonKind.True) || node[KeywordCatalog.PatternProperties.Name] is not null))
        {
            rest.Add("additionalProperties");
        }

        return rest;
    }

    private static bool IsScalar(Shape? shape) =>
        shape?.Kind is TypeKind.String or TypeKind.Enum or TypeKind.Integer or TypeKind.Number or TypeKind.Boolean or TypeKind.DateTime or TypeKind.Date or TypeKind.Uuid;

    private void EmitEnum(JsonNode node, string name)
    {
        var codes = node[KeywordCatalog.Enum.Name]!.Items.Select(i => i.Text).ToList();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node[KeywordCatalog.Codes.Name] is { Kind: JsonKind.Array } entries)
        {
            foreach (var entry in entries.Items.Where(e => e.IsObject))
            {
                if (entry.String("code") is { } code)
                {
                    labels[code] = $"{entry.String("label")} — {entry.String("labelEn")}{(entry["vervallen"]?.Kind == JsonKind.True ? " (vervallen)" : "")}{(entry["geverifieerd"]?.Kind == JsonKind.False ? " (niet geverifieerd)" : "")}";
                }
            }
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        var named = codes.Select(code => (Code: code, Member: Names.Unique(Names.Member(code), members))).ToList();
        var w = _types;
        Doc(w, node, name);
        w.Open($"public enum {name}");
        foreach (var (code, member) in named)
        {
            w.Line($"/// <summary><c>{Names.XmlText(code)}</c>{(labels.TryGetValue(code, out var label) ? ": " + Names.XmlText(label) : "")}</summary>");
            w.Line($"{member},");
        }

        w.Close();
        w.Line();
        w.Line($"/// <summary>The JSON codes of <see cref=\"{name}\"/>.</summary>");
        w.Open($"public static partial class {name}Codes");
        w.Line($"/// <summary>The member for a code, if the list holds it.</summary>");
        w.Open($"public static bool TryParse(string? code, out {name} value)");
        w.Open("if (code is null)");
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line("return TryParse(global::System.MemoryExtensions.AsSpan(code), out value);");
        w.Close();
        w.Line();
        w.Line($"/// <summary>The member for a code given as characters, if the list holds it; no string is made.</summary>");
        w.Open($"public static bool TryParse(global::System.ReadOnlySpan<char> code, out {name} value)");
        w.Open("switch (code)");
        foreach (var (code, member) in named)
        {
            w.Line($"case {Names.Literal(code)}: value = {name}.{member}; return true;");
        }

        w.Line("default: value = default; return false;");
        w.Close();
        w.Close();
        w.Line();
        w.Line($"/// <summary>The code of a member.</summary>");
        w.Open($"public static string ToCode({name} value) => value switch");
        foreach (var (code, member) in named)
        {
            w.Line($"{name}.{member} => {Names.Literal(code)},");
        }

        w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
        w.Close(";");
        w.Line();
        w.Line($"/// <summary>Checks that a JSON value is one of the codes.</summary>");
        w.Open($"public static void ValidateElement({Json}.JsonElement value, string location, {Violations} errors)");
        w.Open($"if (value.ValueKind != {Json}.JsonValueKind.String || !TryParse(value.GetString()!, out _))");
        w.Line(EnumCheck.Report("location", $"{Msg}.Show(value)"));
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void Doc(CodeWriter w, JsonNode node, string fallback)
    {
        var title = node.String(KeywordCatalog.Title.Name) ?? fallback;
        var description = node.String(KeywordCatalog.Description.Name);
        var english = node.String(KeywordCatalog.DescriptionEn.Name);
        w.Line($"/// <summary>{Names.XmlText(title)}{(description is null ? "" : ": " + Names.XmlText(description))}</summary>");
        if (english is not null)
        {
            w.Line($"/// <remarks>{Names.XmlText(node.String(KeywordCatalog.TitleEn.Name) is { } t ? t + ": " : "")}{Names.XmlText(english)}</remarks>");
        }
    }

    /// <summary>A string constant as the catalogue shows it (quoted, shortened), as a C# literal.</summary>
    internal static string Shown(string text) =>
        Names.Literal("'" + (text.Length <= 60 ? text : text.Substring(0, 57) + "...") + "'");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
