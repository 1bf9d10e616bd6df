using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

internal sealed partial class SchemaCompiler : ICheckContext
{
    private static readonly string[] StringKeywords = KeywordSupport.InOrder(KeywordSupport.Use.StringCheck);
    private static readonly string[] NumberKeywords = KeywordSupport.InOrder(KeywordSupport.Use.NumberCheck);
    private static readonly string[] CountKeywords = KeywordSupport.InOrder(KeywordSupport.Use.CountCheck);
    private static readonly string[] ObjectKeywords = KeywordSupport.InOrder(KeywordSupport.Use.ObjectCheck);
    private int _validatorCount;
    private int _conditionCount;

    /// <inheritdoc/>
    public string Number() => Invariant(_conditionCount++);

    /// <inheritdoc/>
    string ICheckContext.Validator(JsonNode schema) => ElementValidator(schema, null);

    private readonly Dictionary<string, string> _patterns = new(StringComparer.Ordinal);

    /// <summary>The static field that holds <paramref name="pattern"/>, built once per file.</summary>
    public string Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var field))
        {
            field = $"Pattern{Invariant(_patterns.Count)}";
            _patterns.Add(pattern, field);
        }

        return $"{_baseName}Schema.{field}";
    }

    private void EmitPatternFields(CodeWriter w)
    {
        foreach (var pair in _constants.OrderBy(p => p.Value, StringComparer.Ordinal))
        {
            w.Line($"internal static readonly {Json}.JsonElement {pair.Value} = {Rt}.CompiledSupport.JsonConstant({Names.Literal(pair.Key)});");
        }

        foreach (var pair in _patterns.OrderBy(p => p.Value, StringComparer.Ordinal))
        {
            w.Line($"internal static readonly {Rt}.CompiledPattern {pair.Value} = {Rt}.CompiledPattern.Create({Names.Literal(pair.Key)});");
        }
    }

    /// <summary>Checks on a string held in <paramref name="text"/>: pattern, lengths, format, const, enum.</summary>
    public void StringChecks(CodeWriter w, JsonNode node, string text, string location, string? keyword = null)
    {
        PatternCheck.Emit(w, node, text, location, Pattern, keyword);
        LengthCheck.Emit(w, node, text, location, keyword);
        FormatCheck.Emit(w, node, text, location);
        var subject = StringSubject.Text(text);
        ConstCheck.Emit(w, node, subject, location);
        EnumCheck.Emit(w, node, subject, location);
    }

    /// <summary>
    /// Emits a validator for a JSON element against <paramref name="node"/> (only the keywords in <paramref name="only"/>
    /// when given) into the file's static class, and returns its name. Combinators and conditionals run their subschemas
    /// into a private list to learn whether they match.
    /// </summary>
    private string ElementValidator(JsonNode node, HashSet<string>? only)
    {
        if (only is null && _validatorNames.TryGetValue(node, out var existing))
        {
            return existing;
        }

        var name = $"Check{Invariant(_validatorCount++)}";
        if (only is null)
        {
            _validatorNames[node] = name;
        }

        if (node.Kind is JsonKind.True or JsonKind.False)
        {
            // Boolean schemas: true accepts everything, false nothing.
            var boolean = new CodeWriter();
            boolean.Open($"internal static void {name}({Json}.JsonElement value, string location, {Violations} errors)");
            if (node.Kind == JsonKind.False)
            {
                boolean.Line($"errors.Add(new(location, \"false\", {Msg}.False()));");
            }

            boolean.Close();
            boolean.Line();
            _validators.Append(boolean);
            return name;
        }

        bool Has(string keyword) => (only is null || only.Contains(keyword)) && node[keyword] is not null;
        var w = new CodeWriter();
        var fields = new CodeWriter();
        w.Open($"internal static void {name}({Json}.JsonElement value, string location, {Violations} errors)");

        foreach (var member in node.Members)
        {
            // Only real keywords: a member that is no keyword is an annotation, or a slip that SchemaLint reports as VR1008.
            if ((only is null || only.Contains(member.Key)) && SchemaLint.Keywords.Contains(member.Key) && !Annotations.Contains(member.Key) && !Supported.Contains(member.Key) && _reportedUnsupported.Add(member.Value))
            {
                Report(Diagnostics.UnsupportedKeyword.Id, member.Value, $"The keyword '{member.Key}' is not compiled: generated code does not check it. Validate with Vr.Standaarden.Schema where it matters.");
            }
        }

        EmitElementReference(w, node, Has);
        EmitElementType(w, node, Has);
        EmitElementConstants(w, node, Has);
        EmitElementStrings(w, node, Has);
        EmitElementNumbers(w, node, Has);
        EmitElementArray(w, node, Has);
        EmitElementObject(w, node, Has);
        if (Has(AllOfCheck.Name))
        {
            AllOfCheck.EmitOnElement(w, node, this);
        }

        if (Has(AnyOfCheck.Name))
        {
            AnyOfCheck.EmitOnElement(w, node, this);
        }

        if (Has(OneOfCheck.Name))
        {
            OneOfCheck.EmitOnElement(w, node, this);
        }

        if (Has(NotCheck.Name))
        {
            NotCheck.EmitOnElement(w, node, this);
        }

        if (Has(IfCheck.Name) && IfCheck.Applies(node))
        {
            IfCheck.EmitOnElement(w, node, this);
        }

        w.Close();
        w.Line();
        _validators.Append(fields);
        _validators.Append(w);
        return name;
    }

    /// <summary>Emits the check of <c>$ref</c>: the target's validator.</summary>
    private void EmitElementReference(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        if (has(KeywordCatalog.Ref.Name) && Resolve(node[KeywordCatalog.Ref.Name]!) is { } target)
        {
            w.Line(target.Kind switch
            {
                TypeKind.Class => $"{target.CsType}.ValidateElement(value, location, errors);",
                TypeKind.Enum => $"{target.Helper}.ValidateElement(value, location, errors);",
                _ => $"{target.Helper}(value, location, errors);",
            });
        }
    }

    /// <summary>Emits the check of <c>type</c>; a value of another type is not checked further.</summary>
    private static void EmitElementType(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        if (has(KeywordCatalog.Type.Name))
        {
            TypeCheck.EmitOnElement(w, node);
        }
    }

    /// <summary>Emits <c>const</c> and <c>enum</c> with values other than strings, compared as JSON.</summary>
    private void EmitElementConstants(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        if (has(ConstCheck.Name))
        {
            ConstCheck.EmitOnElement(w, node, this);
        }

        if (has(EnumCheck.Name))
        {
            EnumCheck.EmitOnElement(w, node, this);
        }
    }

    /// <summary>Emits the checks of a string value, and <c>const</c>/<c>enum</c> of strings for a value that is none.</summary>
    private void EmitElementStrings(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        var stringKeywords = StringKeywords.Where(has).ToList();
        if (stringKeywords.Count > 0 && (has(KeywordCatalog.Const.Name) ? node[KeywordCatalog.Const.Name]!.Kind == JsonKind.String : true))
        {
            var checks = new JsonNodeView(node, stringKeywords);
            w.Open($"if (value.ValueKind == {Json}.JsonValueKind.String)");
            if (stringKeywords.All(k => k is "const" or "enum"))
            {
                // Constants and enumerations are compared as UTF-8; a string is made only for a violation's message.
                var subject = StringSubject.Utf8("value", "ValueEquals");
                ConstCheck.Emit(w, checks.Node, subject, "location");
                EnumCheck.Emit(w, checks.Node, subject, "location");
            }
            else
            {
                w.Line("var text = value.GetString()!;");
                StringChecks(w, checks.Node, "text", "location");
            }

            w.Close();
            if (has(KeywordCatalog.Const.Name) || (has(KeywordCatalog.Enum.Name) && node[KeywordCatalog.Enum.Name]!.Items.All(i => i.Kind == JsonKind.String)))
            {
                w.Open($"else");
                w.Line(node[ConstCheck.Name] is { Kind: JsonKind.String } elementConstant
                    ? ConstCheck.Report("location", elementConstant.Text)
                    : EnumCheck.Report("location", $"{Msg}.Show(value)", has(ConstCheck.Name) ? ConstCheck.Name : EnumCheck.Name));
                w.Close();
            }

            w.Line();
        }
    }

    /// <summary>Emits <c>multipleOf</c> and the bounds of a number.</summary>
    private void EmitElementNumbers(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        if (has(KeywordCatalog.MultipleOf.Name))
        {
            MultipleOfCheck.Emit(w, node, Constant);
        }

        var numberKeywords = NumberKeywords.Where(has).ToList();
        if (numberKeywords.Count > 0)
        {
            w.Open($"if (value.ValueKind == {Json}.JsonValueKind.Number)");
            w.Line("var number = value.GetDouble();");
            NumberBoundsCheck.Emit(w, new JsonNodeView(node, numberKeywords).Node, "number", "location");
            w.Close();
            w.Line();
        }
    }

    /// <summary>Emits the checks of an array: its length, its items by position and in all, <c>contains</c>, <c>uniqueItems</c>.</summary>
    private void EmitElementArray(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        if (has(KeywordCatalog.Items.Name) || ItemCountCheck.Any(node) || has(KeywordCatalog.UniqueItems.Name) || has(KeywordCatalog.PrefixItems.Name) || has(KeywordCatalog.Contains.Name))
        {
            w.Open($"if (value.ValueKind == {Json}.JsonValueKind.Array)");
            w.Line("var count = value.GetArrayLength();");
            ItemCountCheck.Emit(w, new JsonNodeView(node, CountKeywords.Where(has).ToList()).Node, "count", "location");
            var prefix = has(KeywordCatalog.PrefixItems.Name) ? node[KeywordCatalog.PrefixItems.Name]!.Items.Where(IsSchema).Select(p => ElementValidator(p, null)).ToList() : [];
            var inline = prefix.Count == 0 && has(KeywordCatalog.Items.Name) ? InlineCheck(node[KeywordCatalog.Items.Name]!, "item", $"{Rt}.CompiledSupport.Location(location, index)") : null;
            var items = inline is null && has(KeywordCatalog.Items.Name) && IsSchema(node[KeywordCatalog.Items.Name]!) ? ElementValidator(node[KeywordCatalog.Items.Name]!, null) : null;
            if (inline is not null)
            {
                // Items that only need a type or a code are checked in place; a location is made only for a violation.
                w.Line("var index = 0;");
                w.Open("foreach (var item in value.EnumerateArray())");
                inline(w);
                w.Line("index++;");
                w.Close();
            }
            else if (prefix.Count > 0 || items is not null)
            {
                // items applies to the items after those prefixItems describes.
                w.Line("var index = 0;");
                w.Open("foreach (var item in value.EnumerateArray())");
                w.Line($"var at = {Rt}.CompiledSupport.Location(location, index);");
                for (var p = 0; p < prefix.Count; p++)
                {
                    w.Line($"{(p == 0 ? "" : "else ")}if (index == {Invariant(p)}) {prefix[p]}(item, at, errors);");
                }

                if (items is not null)
                {
                    w.Line($"{(prefix.Count == 0 ? "" : "else ")}{items}(item, at, errors);");
                }

                w.Line("index++;");
                w.Close();
            }

            if (has(KeywordCatalog.Contains.Name) && IsSchema(node[KeywordCatalog.Contains.Name]!))
            {
                ContainsCheck.Emit(w, node, ElementValidator(node[KeywordCatalog.Contains.Name]!, null));
            }

            if (has(KeywordCatalog.UniqueItems.Name) && UniqueItemsCheck.Applies(node))
            {
                UniqueItemsCheck.EmitOnElement(w, "value", "location");
            }

            w.Close();
            w.Line();
        }
    }

    /// <summary>Emits the checks of an object's members.</summary>
    private void EmitElementObject(CodeWriter w, JsonNode node, Func<string, bool> has)
    {
        var objectKeywords = ObjectKeywords.Where(has).ToList();
        if (objectKeywords.Count > 0)
        {
            w.Open($"if (value.ValueKind == {Json}.JsonValueKind.Object)");
            EmitObjectChecks(w, node, objectKeywords);
            w.Close();
            w.Line();
        }
    }

    private void EmitObjectChecks(CodeWriter w, JsonNode node, List<string> keywords)
    {
        var declared = node[KeywordCatalog.Properties.Name] is { IsObject: true } props ? props.Members : new List<KeyValuePair<string, JsonNode>>();
        // A required member that is also declared is looked up once: checked when present, reported when missing.
        var requiredNames = keywords.Contains(RequiredCheck.Name) ? new HashSet<string>(RequiredCheck.NamesIn(node), StringComparer.Ordinal) : [];
        var reported = new HashSet<string>(StringComparer.Ordinal);
        if (keywords.Contains(KeywordCatalog.Properties.Name))
        {
            foreach (var property in declared.Where(p => IsSchema(p.Value)))
            {
                var local = $"member{Number()}";
                w.Open($"if (value.TryGetProperty({Names.Literal(property.Key)}u8, out var {local}))");
                if (InlineCheck(property.Value, local, $"{Rt}.CompiledSupport.Location(location, {Names.Literal(property.Key)})") is { } inline)
                {
                    // A member that only needs a type or a code is checked in place; its location is made only for a violation.
                    inline(w);
                }
                else
                {
                    w.Line($"{ElementValidator(property.Value, null)}({local}, {Rt}.CompiledSupport.Location(location, {Names.Literal(property.Key)}), errors);");
                }

                w.Close();
                if (requiredNames.Contains(property.Key) && reported.Add(property.Key))
                {
                    w.Open("else");
                    w.Line(RequiredCheck.Missing("location", property.Key));
                    w.Close();
                }
            }
        }

        if (keywords.Contains(RequiredCheck.Name))
        {
            RequiredCheck.Emit(w, RequiredCheck.NamesIn(node).Where(name => !reported.Contains(name)), "value", "location");
        }

        if (keywords.Contains(DependentRequiredCheck.Name))
        {
            DependentRequiredCheck.EmitOnElement(w, node);
        }

        if (keywords.Contains(DependentSchemasCheck.Name))
        {
            DependentSchemasCheck.EmitOnElement(w, node, this);
        }

        var patterns = PatternPropertiesCheck.PatternsIn(node);
        if (keywords.Contains(PatternPropertiesCheck.Name))
        {
            PatternPropertiesCheck.EmitOnElement(w, patterns, this);
        }

        var extra = keywords.Contains(AdditionalPropertiesCheck.Name) ? node[AdditionalPropertiesCheck.Name] : null;
        var names = keywords.Contains(PropertyNamesCheck.Name) ? PropertyNamesCheck.SchemaOf(node) : null;
        if (keywords.Contains(PropertyNamesCheck.Name))
        {
            PropertyNamesCheck.EmitNone(w, node);
        }

        if (AdditionalPropertiesCheck.Checks(extra) || names is not null || PropertyCountCheck.Any(node, keywords.Contains))
        {
            w.Line("var memberCount = 0;");
            w.Open("foreach (var member in value.EnumerateObject())");
            w.Line("memberCount++;");

            // The member's location and name are made into strings only when they are needed.
            var at = $"{Rt}.CompiledSupport.Location(location, member.Name)";
            if (names is not null)
            {
                PropertyNamesCheck.EmitOnMember(w, names, at, this);
            }

            if (AdditionalPropertiesCheck.Checks(extra))
            {
                AdditionalPropertiesCheck.EmitOnMember(w, extra!, declared.Select(p => p.Key), patterns.Select(p => p.Key), at, this);
            }

            w.Close();
            PropertyCountCheck.Emit(w, node, "memberCount", "location", keywords.Contains);
        }
    }

    /// <summary>
    /// Declares <c>matched</c>: whether <c>value</c> matches <paramref name="schema"/>. A simple schema is tested as one
    /// expression; any other runs its validator on the caller's list, and the errors it added are taken back.
    /// </summary>
    public void Matched(CodeWriter w, JsonNode schema)
    {
        if (Condition(schema) is { } simple)
        {
            w.Line($"var matched = {simple};");
            return;
        }

        w.Line("var mark = errors.Count;");
        w.Line($"{ElementValidator(schema, null)}(value, location, errors);");
        w.Line("var matched = errors.Count == mark;");
        w.Line("errors.RemoveRange(mark, errors.Count - mark);");
    }

    /// <summary>
    /// A C# expression over <c>value</c> that is true exactly when it matches <paramref name="schema"/>, for schemas made
    /// of <c>type</c>, <c>required</c> and <c>properties</c> whose members only demand a <c>const</c> or string
    /// <c>enum</c> (the usual shape of a discriminator in <c>if</c> and <c>oneOf</c>); otherwise <c>null</c>.
    /// </summary>
    public string? Condition(JsonNode schema, Dictionary<string, (string Present, string Value)>? shared = null)
    {
        if (schema.Kind is JsonKind.True or JsonKind.False)
        {
            return schema.Kind == JsonKind.True ? "true" : "false";
        }

        if (!schema.IsObject)
        {
            return null;
        }

        var parts = new List<string>();
        var objectParts = new List<string>();
        foreach (var member in schema.Members)
        {
            if (Annotations.Contains(member.Key))
            {
                continue;
            }

            switch (member.Key)
            {
                case "type" when member.Value.Kind == JsonKind.String:
                    parts.Add("(" + TypeCheck.ElementCondition(member.Value.Text) + ")");
                    break;
                case var keyword when keyword == RequiredCheck.Name && RequiredCheck.Compiles(member.Value):
                    objectParts.AddRange(member.Value.Items.Select(i => shared is not null && shared.TryGetValue(i.Text, out var found)
                        ? found.Present
                        : $"value.TryGetProperty({Names.Literal(i.Text)}u8, out _)"));
                    break;
                case "properties" when member.Value.IsObject:
                    foreach (var property in member.Value.Members)
                    {
                        if (shared is not null && shared.TryGetValue(property.Key, out var found))
                        {
                            // Looked up once by the caller for all the conditions that test it.
                            if (MemberCondition(property.Value, found.Value) is not { } sharedTest)
                            {
                                return null;
                            }

                            objectParts.Add($"(!{found.Present} || {sharedTest})");
                            continue;
                        }

                        // Names are unique in the file: several conditions may share one block.
                        var local = $"member{Number()}";
                        if (MemberCondition(property.Value, local) is not { } test)
                        {
                            return null;
                        }

                        objectParts.Add($"(!value.TryGetProperty({Names.Literal(property.Key)}u8, out var {local}) || {test})");
                    }

                    break;
                default:
                    return null;
            }
        }

        if (objectParts.Count > 0)
        {
            parts.Add($"(value.ValueKind != {Json}.JsonValueKind.Object || {string.Join(" && ", objectParts)})");
        }

        return parts.Count == 0 ? "true" : string.Join(" && ", parts);
    }

    /// <summary>The test of a member against a schema that only demands a <c>const</c> or a string <c>enum</c>.</summary>
    private string? MemberCondition(JsonNode schema, string member)
    {
        if (schema.Kind is JsonKind.True or JsonKind.False)
        {
            return schema.Kind == JsonKind.True ? "true" : "false";
        }

        var keywords = schema.IsObject ? schema.Members.Where(m => !Annotations.Contains(m.Key)).ToList() : [];
        if (!schema.IsObject || keywords.Count != 1)
        {
            return null;
        }

        var (keyword, value) = (keywords[0].Key, keywords[0].Value);
        return keyword == ConstCheck.Name ? ConstCheck.Condition(member, value, this)
            : keyword == EnumCheck.Name && EnumCheck.IsCodeList(value) ? EnumCheck.Condition(member, value.Items)
            : null;
    }

    /// <summary>
    /// Statements that check <paramref name="value"/> in place against a schema that only has a single <c>type</c>, a
    /// string <c>const</c> or a string <c>enum</c>, with the same violations its validator would report; otherwise
    /// <c>null</c>. <paramref name="location"/> is evaluated only for a violation.
    /// </summary>
    private static Action<CodeWriter>? InlineCheck(JsonNode schema, string value, string location)
    {
        var keywords = schema.IsObject ? schema.Members.Where(m => !Annotations.Contains(m.Key)).ToList() : [];
        if (keywords.Count != 1)
        {
            return null;
        }

        var (keyword, argument) = (keywords[0].Key, keywords[0].Value);
        if (keyword == KeywordCatalog.Type.Name && argument.Kind == JsonKind.String && argument.Text is "string" or "number" or "integer" or "boolean" or "object" or "array" or "null")
        {
            var condition = TypeCheck.ElementCondition(argument.Text).Replace("value.", value + ".");
            return w =>
            {
                w.Open($"if (!({condition}))");
                w.Line(TypeCheck.Report(location, [argument.Text]));
                w.Close();
            };
        }

        var codes = StringCodes(keyword, argument);
        if (codes is null)
        {
            return null;
        }

        var matches = string.Join(" || ", codes.Select(c => $"{value}.ValueEquals({Names.Literal(c.Text)}u8)"));
        string Report(string shown) => keyword == ConstCheck.Name ? ConstCheck.Report(location, codes[0].Text) : EnumCheck.Report(location, shown);
        return w =>
        {
            w.Open($"if ({value}.ValueKind != {Json}.JsonValueKind.String)");
            w.Line(Report($"{Msg}.Show({value})"));
            w.Close();
            w.Open($"else if (!({matches}))");
            w.Line(Report($"{Msg}.Show({value}.GetString()!)"));
            w.Close();
        };
    }

    /// <summary>The codes a string <c>const</c> or an all-string <c>enum</c> allows; <c>null</c> for any other keyword or value.</summary>
    private static List<JsonNode>? StringCodes(string keyword, JsonNode value) => keyword switch
    {
        "const" when value.Kind == JsonKind.String => [value],
        "enum" when EnumCheck.IsCodeList(value) => value.Items,
        _ => null,
    };

    /// <summary>Whether <paramref name="node"/> is a schema: an object or a boolean.</summary>
    internal static bool IsSchema(JsonNode node) => node.Kind is JsonKind.Object or JsonKind.True or JsonKind.False;

    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

    /// <summary>The static field that holds a constant JSON value, parsed once per file.</summary>
    public string Constant(JsonNode value)
    {
        var json = Raw(value);
        if (!_constants.TryGetValue(json, out var field))
        {
            field = $"Constant{Invariant(_constants.Count)}";
            _constants.Add(json, field);
        }

        return $"{_baseName}Schema.{field}";
    }

    /// <summary>Compact JSON text of a node, for comparing constants with <c>GetRawText()</c>.</summary>
    private static string Raw(JsonNode node) => node.Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Number => node.Text,
        JsonKind.String => Names.Literal(node.Text),
        JsonKind.Array => "[" + string.Join(",", node.Items.Select(Raw)) + "]",
        _ => "{" + string.Join(",", node.Members.Select(m => Names.Literal(m.Key) + ":" + Raw(m.Value))) + "}",
    };

    private static string Braces(string text) => text.Replace("{", "{{").Replace("}", "}}");

    /// <summary>A view of a schema node limited to some keywords, for emitting part of its checks.</summary>
    private sealed class JsonNodeView(JsonNode node, List<string> keywords)
    {
        public JsonNode Node { get; } = Restrict(node, keywords);

        private static JsonNode Restrict(JsonNode node, List<string> keywords)
        {
            var text = "{" + string.Join(",", node.Members.Where(m => keywords.Contains(m.Key)).Select(m => Names.Literal(m.Key) + ":" + Raw(m.Value))) + "}";
            return JsonNode.Parse(text);
        }
    }
}
