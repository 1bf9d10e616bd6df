using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// Stream validators: a schema checked straight from a <c>Utf8JsonReader</c>, with no JSON snapshot, for values that
/// are read into something other than a generated type (GeoJSON geometries). A stream validator reads one value and
/// leaves the reader on its last token. Subschemas that apply to the same value (<c>$ref</c>, <c>allOf</c>,
/// <c>then</c>/<c>else</c>) read it again from a copy of the reader; an <c>if</c> is decided from the members it tests,
/// found in one scan of the object. Only schemas made entirely of the keywords below are streamed; any other is checked
/// on a snapshot by its element validator, with the same violations.
/// </summary>
internal sealed partial class SchemaCompiler
{
    private static readonly HashSet<string> Streamed = KeywordSupport.Set(KeywordSupport.Use.Streamed);

    // The checks of one value a stream validator makes, and whether a keyword's value is one it can check.
    private static readonly Dictionary<string, Func<JsonNode, bool>> StreamedChecks = new(StringComparer.Ordinal)
    {
        [KeywordCatalog.Pattern.Name] = PatternCheck.Compiles,
        [KeywordCatalog.Format.Name] = FormatCheck.Compiles,
        [KeywordCatalog.MinLength.Name] = LengthCheck.Compiles,
        [KeywordCatalog.MaxLength.Name] = LengthCheck.Compiles,
        [KeywordCatalog.Minimum.Name] = NumberBoundsCheck.Compiles,
        [KeywordCatalog.Maximum.Name] = NumberBoundsCheck.Compiles,
        [KeywordCatalog.ExclusiveMinimum.Name] = NumberBoundsCheck.Compiles,
        [KeywordCatalog.ExclusiveMaximum.Name] = NumberBoundsCheck.Compiles,
        [KeywordCatalog.MinItems.Name] = ItemCountCheck.Compiles,
        [KeywordCatalog.MaxItems.Name] = ItemCountCheck.Compiles,
        [KeywordCatalog.Required.Name] = RequiredCheck.Compiles,
    };

    private readonly Dictionary<JsonNode, bool> _streamable = new();
    private readonly Dictionary<JsonNode, string> _streamNames = new();
    private int _streamCount;
    private bool? _nestedIds;

    /// <summary>Whether every keyword of <paramref name="node"/> and of the subschemas it applies can be streamed.</summary>
    private bool Streamable(JsonNode node)
    {
        if (node.Kind is JsonKind.True or JsonKind.False)
        {
            return true;
        }

        if (!node.IsObject)
        {
            return false;
        }

        if (_streamable.TryGetValue(node, out var known))
        {
            return known;
        }

        // A schema that refers back to itself is left to its element validator.
        _streamable[node] = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (node[KeywordCatalog.Properties.Name] is { IsObject: true } declared)
        {
            names.UnionWith(declared.Members.Select(m => m.Key));
        }

        names.UnionWith(RequiredCheck.NamesIn(node));

        var result = names.Count <= 64 && node.Members.All(m => Annotations.Contains(m.Key) || (Streamed.Contains(m.Key) && StreamableKeyword(node, m.Key, m.Value)));
        _streamable[node] = result;
        return result;
    }

    private bool StreamableKeyword(JsonNode node, string keyword, JsonNode value) => keyword switch
    {
        _ when keyword == KeywordCatalog.Ref.Name => LocalTarget(value) is { } target && Streamable(target),
        "type" => value.Kind == JsonKind.String
            ? TypeCheck.TokenCondition(value.Text, "reader") != "false"
            : value.Kind == JsonKind.Array && value.Items.All(t => t.Kind == JsonKind.String && TypeCheck.TokenCondition(t.Text, "reader") != "false"),
        "const" => value.Kind == JsonKind.String && node[KeywordCatalog.Enum.Name] is null,
        "enum" => EnumCheck.IsCodeList(value),
        _ when StreamedChecks.TryGetValue(keyword, out var compiles) => compiles(value),
        "items" or "then" or "else" => IsSchema(value) && Streamable(value),
        "properties" => value.IsObject && value.Members.All(p => IsSchema(p.Value) && Streamable(p.Value)),
        "additionalProperties" => value.Kind is JsonKind.True or JsonKind.False,
        "allOf" => value.Kind == JsonKind.Array && value.Items.All(p => IsSchema(p) && Streamable(p)),
        "if" => IsSchema(value) && StreamCondition(value, null) is not null,
        _ => false,
    };

    /// <summary>The <c>$defs</c> entry of this file that a reference such as <c>#/$defs/positie</c> names, if any.</summary>
    private JsonNode? LocalTarget(JsonNode reference)
    {
        const string Definitions = "/$defs/";
        if (reference.Kind != JsonKind.String || !SchemaReference.TryResolve(_baseUri, reference.Text, out var target) ||
            !string.Equals(target.Resource, _baseUri, StringComparison.Ordinal) || target.JsonPointer is not { } pointer ||
            !pointer.StartsWith(Definitions, StringComparison.Ordinal))
        {
            return null;
        }

        // A nested $id would change what '#' means below it.
        _nestedIds ??= HasNestedId(_root, isRoot: true);
        var key = pointer.Substring(Definitions.Length);
        if (_nestedIds.Value || key.IndexOfAny(['/', '~']) >= 0)
        {
            return null;
        }

        return _root[KeywordCatalog.Defs.Name] is { IsObject: true } defs ? defs[key] : null;
    }

    private static bool HasNestedId(JsonNode node, bool isRoot) =>
        node.IsObject
            ? (!isRoot && node[KeywordCatalog.Id.Name] is not null) || node.Members.Any(m => m.Key is not ("enum" or "const" or "examples" or "default") && HasNestedId(m.Value, false))
            : node.Kind == JsonKind.Array && node.Items.Any(i => HasNestedId(i, false));

    /// <summary>Emits the stream validator of <paramref name="node"/> (which must be <see cref="Streamable"/>) and returns its name.</summary>
    private string StreamValidator(JsonNode node)
    {
        if (_streamNames.TryGetValue(node, out var existing))
        {
            return existing;
        }

        var method = $"Stream{Invariant(_streamCount++)}";
        _streamNames[node] = method;
        var w = new CodeWriter();
        w.Open($"internal static void {method}(ref {Json}.Utf8JsonReader reader, string parent, string? name, int index, {Violations} errors)");
        var usesCache = EmitStreamBody(w, node, method);
        w.Close();
        w.Line();
        if (usesCache)
        {
            _validators.Line($"private static readonly {Rt}.LocationCache {method}Location = new();");
            _validators.Line();
        }

        _validators.Append(w);
        return method;
    }

    /// <summary>Emits the body of a stream validator; returns whether it uses its location cache.</summary>
    private bool EmitStreamBody(CodeWriter w, JsonNode node, string method)
    {
        if (node.Kind is JsonKind.True or JsonKind.False)
        {
            if (node.Kind == JsonKind.False)
            {
                w.Line($"errors.Add(new({Here}, \"false\", {Msg}.False()));");
            }

            w.Line("reader.Skip();");
            return false;
        }

        var usesCache = false;
        var parts = node[KeywordCatalog.AllOf.Name] is { Kind: JsonKind.Array } allOf ? allOf.Items.Where(IsSchema).ToList() : [];
        var ownConditional = IfCheck.Applies(node);
        if (node[KeywordCatalog.Ref.Name] is not null || parts.Count > 0 || ownConditional)
        {
            // What applies to the same value reads it again from here.
            w.Line("var start = reader;");
        }

        if (node[KeywordCatalog.Ref.Name] is { } reference)
        {
            w.Line($"{{ var copy = start; {StreamValidator(LocalTarget(reference)!)}(ref copy, parent, name, index, errors); }}");
        }

        if (node[KeywordCatalog.Type.Name] is not null)
        {
            TypeCheck.EmitOnToken(w, node, Here);
        }

        EmitStreamScalarChecks(w, node);

        var conditionals = parts.Where(IfCheck.IsPlain).ToList();
        if (ownConditional)
        {
            conditionals.Add(node);
        }

        // The conditions are decided first, from one scan of the object that finds every member they test, so that a
        // branch which only constrains declared members is checked in the same pass as those members.
        var tested = new List<string>();
        foreach (var conditional in conditionals)
        {
            tested.AddRange(IfCheck.TestedMembers(conditional[KeywordCatalog.If.Name]!).Where(m => !tested.Contains(m)));
        }

        var members = new Dictionary<string, int>(StringComparer.Ordinal);
        if (conditionals.Count > 0)
        {
            w.Line($"var isObject = start.TokenType == {Json}.JsonTokenType.StartObject;");
            for (var i = 0; i < tested.Count; i++)
            {
                members[tested[i]] = i;
                w.Line($"{Json}.Utf8JsonReader at{Invariant(i)} = default;");
                w.Line($"var has{Invariant(i)} = false;");
            }

            if (tested.Count > 0)
            {
                w.Open("if (isObject)");
                w.Line("var scan = start;");
                w.Open($"while (scan.Read() && scan.TokenType == {Json}.JsonTokenType.PropertyName)");
                for (var i = 0; i < tested.Count; i++)
                {
                    w.Line($"{(i == 0 ? "" : "else ")}if (scan.ValueTextEquals({Names.Literal(tested[i])}u8)) {{ scan.Read(); has{Invariant(i)} = true; at{Invariant(i)} = scan; }}");
                }

                w.Line("else scan.Read();");
                w.Line("scan.Skip();");
                w.Close();
                w.Close();
            }

            for (var k = 0; k < conditionals.Count; k++)
            {
                w.Line($"var matched{Invariant(k)} = {StreamCondition(conditionals[k][KeywordCatalog.If.Name]!, members)};");
            }

            w.Line();
        }

        // Branches merged into the object pass: member → (test, schema) to check on a copy before the member's own check.
        var declared = node[KeywordCatalog.Properties.Name] is { IsObject: true } properties ? properties.Members.Select(p => p.Key).ToList() : [];
        var hasObjectPass = declared.Count > 0 || RequiredCheck.Has(node) || node[KeywordCatalog.AdditionalProperties.Name]?.Kind == JsonKind.False;
        var extras = new Dictionary<string, List<(string Test, JsonNode Schema)>>(StringComparer.Ordinal);
        var separate = new List<(string Test, JsonNode Schema)>();
        for (var k = 0; k < conditionals.Count; k++)
        {
            foreach (var (keyword, test) in new[] { ("then", $"matched{Invariant(k)}"), ("else", $"!matched{Invariant(k)}") })
            {
                if (conditionals[k][keyword] is not { } branch || !IsSchema(branch))
                {
                    continue;
                }

                var onlyMembers = branch.IsObject && branch.Members.All(m => Annotations.Contains(m.Key) || m.Key == KeywordCatalog.Properties.Name) &&
                    (branch[KeywordCatalog.Properties.Name] is not { } branchProperties || (branchProperties.IsObject && branchProperties.Members.All(p => declared.Contains(p.Key))));
                if (hasObjectPass && onlyMembers)
                {
                    foreach (var property in branch[KeywordCatalog.Properties.Name]?.Members ?? [])
                    {
                        if (!extras.TryGetValue(property.Key, out var list))
                        {
                            extras[property.Key] = list = [];
                        }

                        list.Add((test, property.Value));
                    }
                }
                else
                {
                    separate.Add((test, branch));
                }
            }
        }

        usesCache |= EmitStreamObject(w, node, method, extras);
        usesCache |= EmitStreamArray(w, node, method);

        foreach (var part in parts)
        {
            if (!IfCheck.IsPlain(part))
            {
                w.Line($"{{ var copy = start; {StreamValidator(part)}(ref copy, parent, name, index, errors); }}");
            }
        }

        foreach (var (test, branch) in separate)
        {
            w.Open($"if ({test})");
            w.Line("var copy = start;");
            w.Line($"{StreamValidator(branch)}(ref copy, parent, name, index, errors);");
            w.Close();
        }

        // An object or array that no loop above read is passed over.
        w.Line($"if (reader.TokenType is {Json}.JsonTokenType.StartObject or {Json}.JsonTokenType.StartArray) reader.Skip();");
        return usesCache;
    }

    private void EmitStreamScalarChecks(CodeWriter w, JsonNode node)
    {
        var stringKeywords = StringKeywords.Where(k => node[k] is not null).ToList();
        if (stringKeywords.Count > 0)
        {
            w.Open($"if (reader.TokenType == {Json}.JsonTokenType.String)");
            if (stringKeywords.All(k => k is "const" or "enum"))
            {
                var subject = StringSubject.Utf8("reader", "ValueTextEquals");
                ConstCheck.Emit(w, node, subject, Here);
                EnumCheck.Emit(w, node, subject, Here);
            }
            else
            {
                w.Line("var text = reader.GetString()!;");
                StringChecks(w, new JsonNodeView(node, stringKeywords).Node, "text", Here);
            }

            w.Close();
            if (node[KeywordCatalog.Const.Name] is not null || node[KeywordCatalog.Enum.Name] is not null)
            {
                w.Open("else");
                w.Line(node[ConstCheck.Name] is { Kind: JsonKind.String } streamConstant
                    ? ConstCheck.Report(Here, streamConstant.Text)
                    : EnumCheck.Report(Here, $"{Rt}.CompiledSupport.Show(reader)", node[ConstCheck.Name] is not null ? ConstCheck.Name : EnumCheck.Name));
                w.Close();
            }

            w.Line();
        }

        var numberKeywords = NumberKeywords.Where(k => node[k] is not null).ToList();
        if (numberKeywords.Count > 0)
        {
            w.Open($"if (reader.TokenType == {Json}.JsonTokenType.Number)");
            w.Line("var number = reader.GetDouble();");
            NumberBoundsCheck.Emit(w, new JsonNodeView(node, numberKeywords).Node, "number", Here);
            w.Close();
            w.Line();
        }
    }

    private bool EmitStreamObject(CodeWriter w, JsonNode node, string method, Dictionary<string, List<(string Test, JsonNode Schema)>> extras)
    {
        var declared = node[KeywordCatalog.Properties.Name] is { IsObject: true } properties ? properties.Members : [];
        var required = RequiredCheck.NamesIn(node).Distinct().ToList();
        var closed = node[KeywordCatalog.AdditionalProperties.Name]?.Kind == JsonKind.False;
        if (declared.Count == 0 && required.Count == 0 && !closed)
        {
            return false;
        }

        // Required members come first, so each has a bit in 'seen'.
        var bits = required.Concat(declared.Select(p => p.Key).Where(k => !required.Contains(k))).ToList();
        var requiredOnly = required.Where(r => declared.All(p => p.Key != r)).ToList();
        w.Open($"if (reader.TokenType == {Json}.JsonTokenType.StartObject)");
        w.Line($"var here = {method}Location.Get(parent, name, index);");
        if (required.Count > 0)
        {
            w.Line("ulong seen = 0;");
        }

        w.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)");
        var first = true;
        foreach (var member in declared.Select(p => (p.Key, Schema: (JsonNode?)p.Value)).Concat(requiredOnly.Select(r => (Key: r, Schema: (JsonNode?)null))))
        {
            w.Open($"{(first ? "" : "else ")}if (reader.ValueTextEquals({Names.Literal(member.Key)}u8))");
            first = false;
            var bit = bits.IndexOf(member.Key);
            if (bit < required.Count)
            {
                w.Line($"seen |= 1UL << {Invariant(bit)};");
            }

            w.Line("reader.Read();");
            foreach (var (test, extra) in extras.TryGetValue(member.Key, out var list) ? list : [])
            {
                w.Line($"if ({test}) {{ var copy = reader; {StreamValidator(extra)}(ref copy, here, {Names.Literal(member.Key)}, 0, errors); }}");
            }

            w.Line(member.Schema is { } schema
                ? $"{StreamValidator(schema)}(ref reader, here, {Names.Literal(member.Key)}, 0, errors);"
                : "reader.Skip();");
            w.Close();
        }

        w.Open(first ? "" : "else");
        if (closed)
        {
            w.Line($"errors.Add(new({Rt}.CompiledSupport.Location(here, reader.GetString()!), \"additionalProperties\", {Msg}.NotAllowed(reader.GetString()!)));");
        }

        w.Line("reader.Read();");
        w.Line("reader.Skip();");
        w.Close();
        w.Close();
        for (var i = 0; i < required.Count; i++)
        {
            w.Open($"if ((seen & (1UL << {Invariant(i)})) == 0)");
            w.Line(RequiredCheck.Missing("here", required[i]));
            w.Close();
        }

        w.Close();
        w.Line();
        return true;
    }

    private bool EmitStreamArray(CodeWriter w, JsonNode node, string method)
    {
        var items = node[KeywordCatalog.Items.Name] is { } schema && IsSchema(schema) ? schema : null;
        if (items is null && !ItemCountCheck.Any(node))
        {
            return false;
        }

        w.Open($"if (reader.TokenType == {Json}.JsonTokenType.StartArray)");
        if (items is not null)
        {
            w.Line($"var here = {method}Location.Get(parent, name, index);");
        }

        w.Line("var count = 0;");
        w.Open($"while (reader.Read() && reader.TokenType != {Json}.JsonTokenType.EndArray)");
        w.Line(items is not null ? $"{StreamValidator(items)}(ref reader, here, null, count, errors);" : "reader.Skip();");
        w.Line("count++;");
        w.Close();
        w.Line();
        ItemCountCheck.Emit(w, new JsonNodeView(node, CountKeywords.Where(k => node[k] is not null).ToList()).Node, "count", Here);
        w.Close();
        w.Line();
        return items is not null;
    }

    /// <summary>
    /// A C# expression that is true exactly when the value at <c>start</c> matches <paramref name="condition"/>, given the
    /// tested members found by the scan (<paramref name="members"/>: name → number of its <c>has</c>/<c>at</c> locals);
    /// <c>null</c> when the condition is not of the simple kind. With <paramref name="members"/> <c>null</c> it only says
    /// whether the condition can be streamed.
    /// </summary>
    private static string? StreamCondition(JsonNode condition, Dictionary<string, int>? members)
    {
        if (condition.Kind is JsonKind.True or JsonKind.False)
        {
            return condition.Kind == JsonKind.True ? "true" : "false";
        }

        if (!condition.IsObject)
        {
            return null;
        }

        string Has(string member) => members is null ? "has" : $"has{Invariant(members[member])}";
        string At(string member) => members is null ? "at" : $"at{Invariant(members[member])}";
        var parts = new List<string>();
        var objectParts = new List<string>();
        foreach (var member in condition.Members.Where(m => !Annotations.Contains(m.Key)))
        {
            switch (member.Key)
            {
                case "type" when member.Value.Kind == JsonKind.String && TypeCheck.TokenCondition(member.Value.Text, "start") != "false":
                    parts.Add("(" + TypeCheck.TokenCondition(member.Value.Text, "start") + ")");
                    break;
                case var keyword when keyword == RequiredCheck.Name && RequiredCheck.Compiles(member.Value):
                    objectParts.AddRange(member.Value.Items.Select(i => Has(i.Text)));
                    break;
                case "properties" when member.Value.IsObject:
                    foreach (var property in member.Value.Members)
                    {
                        if (StreamMemberCondition(property.Value, At(property.Key)) is not { } test)
                        {
                            return null;
                        }

                        objectParts.Add($"(!{Has(property.Key)} || {test})");
                    }

                    break;
                default:
                    return null;
            }
        }

        if (objectParts.Count > 0)
        {
            parts.Add($"(!isObject || {string.Join(" && ", objectParts)})");
        }

        return parts.Count == 0 ? "true" : string.Join(" && ", parts);
    }

    /// <summary>The test of a member's value (a reader on it) against a schema that only demands a string <c>const</c> or <c>enum</c>.</summary>
    private static string? StreamMemberCondition(JsonNode schema, string at)
    {
        if (schema.Kind is JsonKind.True or JsonKind.False)
        {
            return schema.Kind == JsonKind.True ? "true" : "false";
        }

        var keywords = schema.IsObject ? schema.Members.Where(m => !Annotations.Contains(m.Key)).ToList() : [];
        if (keywords.Count != 1)
        {
            return null;
        }

        var codes = StringCodes(keywords[0].Key, keywords[0].Value);
        return codes is null
            ? null
            : $"({at}.TokenType == {Json}.JsonTokenType.String && ({string.Join(" || ", codes.Select(c => $"{at}.ValueTextEquals({Names.Literal(c.Text)}u8)"))}))";
    }
}
