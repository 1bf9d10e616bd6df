using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

internal sealed partial class SchemaCompiler
{
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "Read", "ReadValue", "ValidateElement", "Write", "ToUtf8Json", "AdditionalProperties", "Equals", "GetHashCode", "ToString", "GetType", "Unread", "SchemaId",
    };

    private sealed record Property(string JsonName, string Name, Shape Shape, JsonNode Node, bool Required, string Reader);

    private void EmitClass(JsonNode node, string name)
    {
        var required = new HashSet<string>(RequiredCheck.NamesIn(node), StringComparer.Ordinal);
        // With patternProperties the element validator decides which members are additional.
        var closed = node[KeywordCatalog.AdditionalProperties.Name]?.Kind == JsonKind.False && node[KeywordCatalog.PatternProperties.Name] is null;
        var members = new HashSet<string>(ReservedMembers, StringComparer.Ordinal) { name };
        var helpers = new CodeWriter();
        var properties = new List<Property>();
        foreach (var member in node[KeywordCatalog.Properties.Name]!.Members)
        {
            var shape = ShapeOf(member.Value, name, member.Key);
            var csName = Names.Unique(Names.Pascal(member.Key), members);
            // Reader helpers share the class's member names with the properties: "Value" must not become ReadValue.
            var reader = Names.Unique($"Read{csName}", members);
            properties.Add(new Property(member.Key, csName, shape, member.Value, required.Contains(member.Key), reader));
            EmitReader(helpers, shape, member.Value, reader, name);
        }

        var w = _types;
        Doc(w, node, name);
        w.Open($"public sealed partial class {name} : {Rt}.ISchemaType<{name}>");
        if (ReferenceEquals(node, _root) && _root.String(KeywordCatalog.Id.Name) is { } schemaId)
        {
            w.Line("/// <summary>The <c>$id</c> of the schema this type is generated from.</summary>");
            w.Line($"public static string? SchemaId => {Names.Literal(schemaId)};");
            w.Line();
        }

        foreach (var p in properties)
        {
            var doc = p.Node.String(KeywordCatalog.Description.Name) ?? p.Shape.Export?.CsType;
            w.Line($"/// <summary><c>{Names.XmlText(p.JsonName)}</c>{(doc is null ? "" : ": " + Names.XmlText(doc))}{(p.Required ? " Required." : "")}</summary>");
            if (p.Node.String(KeywordCatalog.DescriptionEn.Name) is { } english)
            {
                w.Line($"/// <remarks>{Names.XmlText(english)}</remarks>");
            }

            // Required members are C# 'required': a value built in code cannot leave one out, and none gets a
            // placeholder ("" or 0001-01-01) that would be written as if it were data.
            if (!p.Required)
            {
                w.Line($"public {p.Shape.CsType}? {p.Name} {{ get; set; }}");
            }
            else if (IsValueType(p.Shape.Kind))
            {
                // A value type has no "unset" of its own: the field remembers whether the member was ever set.
                w.Line($"public required {p.Shape.CsType} {p.Name} {{ get => {Field(p)}.GetValueOrDefault(); set => {Field(p)} = value; }}");
                w.Line();
                w.Line($"private {p.Shape.CsType}? {Field(p)};");
            }
            else
            {
                w.Line($"public required {p.Shape.CsType} {p.Name} {{ get; set; }}");
            }

            w.Line();
        }

        w.Line($"/// <summary>Creates a value; an object initializer sets its required members.</summary>");
        w.Line($"public {name}() {{ }}");
        w.Line();
        w.Line("// The reader fills in what the JSON holds and reports what it lacks, so it may leave required members unset.");
        w.Line("#pragma warning disable CS8618 // left for the reader to set");
        w.Line("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
        w.Line($"private {name}(Unread unread) {{ }}");
        w.Line("#pragma warning restore CS8618");
        w.Line();
        w.Line("private readonly struct Unread;");
        w.Line();

        if (!closed)
        {
            w.Line("/// <summary>Members the schema does not name, kept as they were read.</summary>");
            w.Line($"public global::System.Collections.Generic.Dictionary<string, {Json}.JsonElement>? AdditionalProperties {{ get; set; }}");
            w.Line();
        }

        EmitReadEntryPoints(w, name, node[KeywordCatalog.Type.Name] is { Kind: JsonKind.String, Text: "object" });
        EmitReadValue(w, node, name, properties, closed, required);
        EmitWrite(w, properties, closed);
        w.Append(helpers);
        w.Close();
        w.Line();
    }

    private static void EmitReadEntryPoints(CodeWriter w, string name, bool requiresObject)
    {
        w.Line($"/// <summary>Reads a <see cref=\"{name}\"/> from UTF-8 JSON, checking the schema while reading. Violations are added to <paramref name=\"errors\"/>; what is valid is kept.</summary>");
        w.Line("/// <returns>The value, or <c>null</c> when the text is not JSON or not an object.</returns>");
        w.Line($"public static {name}? Read(global::System.ReadOnlySpan<byte> utf8Json, {Violations} errors) => Read(utf8Json, errors, {Limits}.Default);");
        w.Line();
        w.Line($"/// <summary>Reads a <see cref=\"{name}\"/> from UTF-8 JSON within <paramref name=\"limits\"/>, checking the schema while reading. Violations are added to <paramref name=\"errors\"/>; what is valid is kept.</summary>");
        w.Line("/// <returns>The value, or <c>null</c> when the text is too large, not UTF-8, not JSON or not an object.</returns>");
        w.Open($"public static {name}? Read(global::System.ReadOnlySpan<byte> utf8Json, {Violations} errors, {Limits} limits)");
        w.Open($"if (!{Rt}.CompiledSupport.CanRead(utf8Json, limits, errors))");
        w.Line("return null;");
        w.Close();
        w.Line();
        w.Line($"var reader = new {Json}.Utf8JsonReader({Input}.JsonInput.SkipByteOrderMark(utf8Json), new {Json}.JsonReaderOptions {{ MaxDepth = limits.MaxDepth }});");
        w.Open("try");
        w.Open($"if (!reader.Read() || reader.TokenType != {Json}.JsonTokenType.StartObject)");
        w.Line($"errors.Add(new(\"\", \"type\", {Msg}.Type(\"object\")));");
        w.Line("return null;");
        w.Close();
        w.Line();
        w.Line("var value = ReadValue(ref reader, \"\", errors);");
        w.Open("if (reader.Read())");
        w.Line("errors.Add(new(\"\", \"json\", \"There is text after the JSON value.\"));");
        w.Close();
        w.Line();
        w.Line("return value;");
        w.Close();
        w.Open($"catch ({Json}.JsonException ex)");
        w.Line($"errors.Add({Rt}.CompiledSupport.Unreadable(ex, utf8Json, limits));");
        w.Line("return null;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>Checks a JSON element against the schema of this type.</summary>");
        w.Open($"public static void ValidateElement({Json}.JsonElement value, string location, {Violations} errors)");
        w.Open($"if (value.ValueKind != {Json}.JsonValueKind.Object)");
        if (requiresObject)
        {
            w.Line($"errors.Add(new(location, \"type\", {Msg}.Type(\"object\")));");
        }
        else
        {
            w.Line("// The schema does not say \"type\": \"object\", so its keywords do not apply to other values.");
        }

        w.Line("return;");
        w.Close();
        w.Line();
        w.Line($"var reader = new {Json}.Utf8JsonReader(global::System.Text.Encoding.UTF8.GetBytes(value.GetRawText()));");
        w.Line("reader.Read();");
        w.Line("ReadValue(ref reader, location, errors);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Writes this value as UTF-8 JSON, members in schema order.</summary>");
        w.Open("public byte[] ToUtf8Json()");
        w.Line("using var buffer = new global::System.IO.MemoryStream();");
        w.Open($"using (var writer = new {Json}.Utf8JsonWriter(buffer, new {Json}.JsonWriterOptions {{ Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }}))");
        w.Line("Write(writer);");
        w.Close();
        w.Line();
        w.Line("return buffer.ToArray();");
        w.Close();
        w.Line();
    }

    private void EmitReadValue(CodeWriter w, JsonNode node, string name, List<Property> properties, bool closed, HashSet<string> required)
    {
        var rest = Rest(node, new Shape(TypeKind.Class, name, null, node));
        var index = properties.Select((p, i) => (p.JsonName, i)).ToDictionary(x => x.JsonName, x => x.i, StringComparer.Ordinal);

        // Presence rules over declared properties are checked on the flags the reader keeps; only the rest needs a snapshot.
        var presence = new List<string>();
        var countMembers = false;
        string? SeenMember(string member) => index.TryGetValue(member, out var i) ? Seen(i, properties.Count) : null;
        foreach (var keyword in rest.ToList())
        {
            if (keyword == DependentRequiredCheck.Name && DependentRequiredCheck.OnFlags(node, SeenMember) is { } lines)
            {
                presence.AddRange(lines);
                rest.Remove(keyword);
            }
            else if (PropertyCountCheck.Handles(keyword) && PropertyCountCheck.Line(node, keyword, "memberCount", "location") is { } line)
            {
                presence.Add(line);
                countMembers = true;
                rest.Remove(keyword);
            }
            else if ((keyword == AnyOfCheck.Name ? AnyOfCheck.OnFlags(node, SeenMember) : keyword == OneOfCheck.Name ? OneOfCheck.OnFlags(node, SeenMember) : null) is { } branchLine)
            {
                presence.Add(branchLine);
                rest.Remove(keyword);
            }
        }

        w.Line("/// <summary>Reads the object the reader is at (a StartObject token). Used by generated code.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"public static {name} ReadValue(ref {Json}.Utf8JsonReader reader, string location, {Violations} errors)");
        w.Line($"var result = new {name}(default(Unread));");
        if (rest.Count > 0)
        {
            w.Line("var snapshotReader = reader;");
            w.Line($"var snapshot = {Json}.JsonElement.ParseValue(ref snapshotReader);");
        }

        w.Line(properties.Count <= 64 ? "ulong seen = 0;" : $"var seen = new bool[{Invariant(properties.Count)}];");
        if (countMembers)
        {
            w.Line("var memberCount = 0;");
        }

        w.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)");
        if (countMembers)
        {
            w.Line("memberCount++;");
        }

        // Names are compared as UTF-8, without allocating a string for each.
        var first = true;
        foreach (var p in properties)
        {
            var i = index[p.JsonName];
            w.Open($"{(first ? "" : "else ")}if (reader.ValueTextEquals({Names.Literal(p.JsonName)}u8))");
            w.Line("reader.Read();");
            w.Line(properties.Count <= 64 ? $"seen |= 1UL << {Invariant(i)};" : $"seen[{Invariant(i)}] = true;");
            w.Line(p.Required
                ? $"if ({p.Reader}(ref reader, location, {Names.Literal(p.JsonName)}, 0, errors) is {{ }} {Local(p.Name)}) result.{p.Name} = {Local(p.Name)};"
                : $"result.{p.Name} = {p.Reader}(ref reader, location, {Names.Literal(p.JsonName)}, 0, errors);");
            w.Close();
            first = false;
        }

        w.Open(first ? "" : "else");
        w.Line("var name = reader.GetString()!;");
        w.Line("reader.Read();");
        if (closed)
        {
            w.Line($"errors.Add(new({Rt}.CompiledSupport.Location(location, name), \"additionalProperties\", {Msg}.NotAllowed(name)));");
            w.Line("reader.Skip();");
        }
        else
        {
            w.Line($"(result.AdditionalProperties ??= new())[name] = {Json}.JsonElement.ParseValue(ref reader);");
        }

        w.Close();
        w.Close();
        w.Line();
        foreach (var p in properties.Where(p => p.Required))
        {
            w.Open($"if ({NotSeen(index[p.JsonName], properties.Count)})");
            w.Line(RequiredCheck.Missing("location", p.JsonName));
            w.Close();
            w.Line();
        }

        // Required names that the schema does not declare as properties.
        foreach (var undeclared in required.Where(r => !index.ContainsKey(r)))
        {
            w.Open($"if (result.AdditionalProperties is null || !result.AdditionalProperties.ContainsKey({Names.Literal(undeclared)}))");
            w.Line(RequiredCheck.Missing("location", undeclared));
            w.Close();
            w.Line();
        }

        foreach (var line in presence)
        {
            w.Line(line);
        }

        if (rest.Count > 0)
        {
            w.Line($"{_baseName}Schema.{ElementValidator(node, rest)}(snapshot, location, errors);");
        }

        w.Line("return result;");
        w.Close();
        w.Line();
    }

    private static string NotSeen(int index, int count) =>
        count <= 64 ? $"(seen & (1UL << {Invariant(index)})) == 0" : $"!seen[{Invariant(index)}]";

    private static string Seen(int index, int count) =>
        count <= 64 ? $"((seen & (1UL << {Invariant(index)})) != 0)" : $"seen[{Invariant(index)}]";

    private void EmitWrite(CodeWriter w, List<Property> properties, bool closed)
    {
        w.Line("/// <summary>Writes this value as a JSON object, members in schema order.</summary>");
        w.Open($"public void Write({Json}.Utf8JsonWriter writer)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
        w.Line("writer.WriteStartObject();");
        var depth = 0;
        foreach (var p in properties)
        {
            // A member that was never set (a required one that the JSON read lacked) is left out, not invented.
            w.Open($"if ({(p.Required && IsValueType(p.Shape.Kind) ? Field(p) : p.Name)} is {{ }} {Local(p.Name)})");
            w.Line($"writer.WritePropertyName({Names.Literal(p.JsonName)});");
            WriteValue(w, p.Shape, Local(p.Name), ref depth);
            w.Close();
        }

        if (!closed)
        {
            w.Open("if (AdditionalProperties is { } extra)");
            w.Open("foreach (var pair in extra)");
            w.Line("writer.WritePropertyName(pair.Key);");
            w.Line("pair.Value.WriteTo(writer);");
            w.Close();
            w.Close();
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();
    }

    private void WriteValue(CodeWriter w, Shape shape, string expression, ref int depth)
    {
        switch (shape.Kind)
        {
            case TypeKind.String:
            case TypeKind.Uuid:
                w.Line($"writer.WriteStringValue({expression});");
                break;
            case TypeKind.DateTime:
                w.Line($"writer.WriteStringValue({Rt}.CompiledSupport.FormatDateTime({expression}));");
                break;
            case TypeKind.Date:
                w.Line($"writer.WriteStringValue({expression}.ToString(\"yyyy-MM-dd\", global::System.Globalization.CultureInfo.InvariantCulture));");
                break;
            case TypeKind.Integer:
            case TypeKind.Number:
                w.Line($"writer.WriteNumberValue({expression});");
                break;
            case TypeKind.Boolean:
                w.Line($"writer.WriteBooleanValue({expression});");
                break;
            case TypeKind.Enum:
                w.Line($"writer.WriteStringValue({shape.Export!.Helper}.ToCode({expression}));");
                break;
            case TypeKind.Class:
                w.Line($"{expression}.Write(writer);");
                break;
            case TypeKind.Array when shape.Item is { } item:
                var element = $"item{Invariant(depth++)}";
                w.Line("writer.WriteStartArray();");
                w.Open($"foreach (var {element} in {expression})");
                WriteValue(w, item, element, ref depth);
                w.Close();
                w.Line("writer.WriteEndArray();");
                break;
            case TypeKind.Geometry:
                w.Line($"{GeometryClass(shape)}.GeometryConverter.Write(writer, {expression}, {GeoJsonOptions(shape)});");
                break;
            case TypeKind.Map:
                var pair = $"pair{Invariant(depth++)}";
                w.Line("writer.WriteStartObject();");
                w.Open($"foreach (var {pair} in {expression})");
                w.Line($"writer.WritePropertyName({pair}.Key);");
                WriteValue(w, shape.Item ?? new Shape(TypeKind.Any, ScalarType(TypeKind.Any), null, EmptySchema), $"{pair}.Value", ref depth);
                w.Close();
                w.Line("writer.WriteEndObject();");
                break;
            default:
                w.Open($"if ({expression}.ValueKind == {Json}.JsonValueKind.Undefined)");
                w.Line("writer.WriteNullValue();");
                w.Close();
                w.Open("else");
                w.Line($"{expression}.WriteTo(writer);");
                w.Close();
                break;
        }
    }

    // The GeoJSON helpers live in the static class of the file that declares the geometry (or this file for inline ones).
    private string GeoJsonOptions(Shape shape) => GeometryClass(shape) + ".GeoJson";

    private string GeometryHelper(Shape shape) => GeometryClass(shape) + ".ToGeometry";

    private string GeometryClass(Shape shape)
    {
        if (shape.Export?.Helper is { } helper)
        {
            return helper.Substring(0, helper.LastIndexOf('.'));
        }

        _usesGeometry = true;
        return $"{_baseName}Schema";
    }

    private static string Field(Property p) => "__" + p.Name;

    // Properties start with a capital or '_' (Names.Pascal), so a local that starts with "v__" meets none of them,
    // nor the generator's own locals (writer, reader, value, …).
    private static string Local(string name) => "v__" + name;

    private static string Escape(string text) => Names.Literal(text).Trim('"');
}
