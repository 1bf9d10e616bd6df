using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

internal sealed partial class SchemaCompiler
{
    // A reader gets its parent's location and its own member name (or item index), and only builds the JSON Pointer
    // string when it needs one: for a violation, a nested object, or an element check.
    private const string Here = Rt + ".CompiledSupport.Location(parent, name, index)";

    /// <summary>
    /// Emits <c>private static T? {method}(ref Utf8JsonReader reader, string parent, string? name, int index, errors)</c>,
    /// which reads one value of <paramref name="shape"/>, checks it, and returns <c>null</c> when it cannot be used;
    /// then the readers of its items or values.
    /// </summary>
    private void EmitReader(CodeWriter target, Shape shape, JsonNode node, string method, string owner)
    {
        var w = new CodeWriter();
        var nested = new List<(Shape Shape, JsonNode Node, string Method)>();
        EmitReaderBody(w, shape, node, method, nested);
        var body = w.ToString();
        if ((shape.Kind is TypeKind.Class or TypeKind.Array or TypeKind.Map or TypeKind.Any or TypeKind.Geometry || body.Contains("snapshot")) && Regex.IsMatch(body, @"\blocation\b"))
        {
            // This reader hands its location on to what it reads, on every call: the pointer is made once and kept.
            target.AppendText($"private static readonly {Rt}.LocationCache {method}Location = new();\n\n");
            target.AppendText(Regex.Replace(body, @"\blocation\b", $"{method}Location.Get(parent, name, index)"));
        }
        else
        {
            target.AppendText(Regex.Replace(body, @"\blocation\b", Here));
        }
        foreach (var (itemShape, itemNode, itemMethod) in nested)
        {
            EmitReader(target, itemShape, itemNode, itemMethod, owner);
        }
    }

    private void EmitReaderBody(CodeWriter w, Shape shape, JsonNode node, string method, List<(Shape Shape, JsonNode Node, string Method)> nested)
    {
        if (node.Kind is JsonKind.True or JsonKind.False)
        {
            // A boolean schema: true accepts any value, false none.
            w.Open($"private static {shape.CsType}? {method}(ref {Json}.Utf8JsonReader reader, string parent, string? name, int index, {Violations} errors)");
            if (node.Kind == JsonKind.False)
            {
                w.Line($"errors.Add(new({Here}, \"false\", {Msg}.False()));");
            }

            w.Line($"return {Json}.JsonElement.ParseValue(ref reader);");
            w.Close();
            w.Line();
            return;
        }

        // A class made from this very node checks all of its keywords in its own ReadValue; nothing is left to check here.
        var rest = shape.Kind == TypeKind.Class && shape.Export is null && ReferenceEquals(node, shape.Node) ? new HashSet<string>() : Rest(node, shape);
        var viaElement = shape.Kind is TypeKind.Any or TypeKind.Geometry || (shape.Export is not null && shape.Kind is TypeKind.Map);
        w.Open($"private static {shape.CsType}? {method}(ref {Json}.Utf8JsonReader reader, string parent, string? name, int index, {Violations} errors)");
        if (rest.Count > 0 && !viaElement)
        {
            w.Line("var snapshotReader = reader;");
            w.Line($"var snapshot = {Json}.JsonElement.ParseValue(ref snapshotReader);");
            w.Line($"{_baseName}Schema.{ElementValidator(node, rest)}(snapshot, location, errors);");
        }

        if (shape.Kind == TypeKind.Geometry && shape.Export is { } geometry && node[KeywordCatalog.Ref.Name] is not null && rest.Count == 0)
        {
            // A geometry of another schema is checked by that schema's stream validator and read into NetTopologySuite
            // from a copy of the reader: no JSON snapshot.
            w.Line("var start = reader;");
            w.Line($"{geometry.Helper}Stream(ref reader, parent, name, index, errors);");
            w.Line($"return {GeometryClass(shape)}.ReadGeometry(start);");
            w.Close();
            w.Line();
            return;
        }

        if (viaElement)
        {
            // Values kept as JSON (or a map of them) are checked as elements: by the referenced schema and the local keywords.
            // A geometry or a map keeps nothing of the document (its values are cloned), so the document's buffers are pooled.
            if (shape.Kind == TypeKind.Any)
            {
                w.Line($"var element = {Json}.JsonElement.ParseValue(ref reader);");
            }
            else
            {
                w.Line($"using var document = {Json}.JsonDocument.ParseValue(ref reader);");
                w.Line("var element = document.RootElement;");
            }

            if (shape.Export is { } export && node[KeywordCatalog.Ref.Name] is not null)
            {
                w.Line($"{export.Helper}(element, location, errors);");
            }

            if (rest.Count > 0)
            {
                w.Line($"{_baseName}Schema.{ElementValidator(node, rest)}(element, location, errors);");
            }

            if (shape.Kind == TypeKind.Geometry)
            {
                // Checked as JSON above; read by NetTopologySuite only when the JSON is a geometry it can read.
                _usesGeometry = true;
                if (shape.Export is null)
                {
                    w.Line($"{_baseName}Schema.{ElementValidator(node, null)}(element, location, errors);");
                }

                w.Line($"return {GeometryHelper(shape)}(element);");
                w.Close();
                w.Line();
                return;
            }

            w.Line(shape.Kind == TypeKind.Map
                ? $"return element.ValueKind == {Json}.JsonValueKind.Object ? global::System.Linq.Enumerable.ToDictionary(element.EnumerateObject(), p => p.Name, p => p.Value.Clone()) : null;"
                : "return element;");
            w.Close();
            w.Line();
            return;
        }

        switch (shape.Kind)
        {
            case TypeKind.String:
                EmitStringReader(w, shape, node);
                break;
            case TypeKind.DateTime:
            case TypeKind.Date:
            case TypeKind.Uuid:
                EmitTextValueReader(w, shape, node);
                break;
            case TypeKind.Enum:
                EmitCodeReader(w, shape, node);
                break;
            case TypeKind.Integer:
                EmitIntegerReader(w, node);
                break;
            case TypeKind.Number:
                EmitNumberReader(w, node);
                break;
            case TypeKind.Boolean:
                EmitBooleanReader(w);
                break;
            case TypeKind.Class:
                EmitClassReader(w, shape);
                break;
            case TypeKind.Array:
                EmitArrayReader(w, shape, node, method, nested);
                break;
            case TypeKind.Map:
                EmitMapReader(w, shape, node, method, nested);
                break;
        }

        w.Close();
        w.Line();
    }

    /// <summary>A string, checked as it is read and returned even when it breaks a pattern or length.</summary>
    private void EmitStringReader(CodeWriter w, Shape shape, JsonNode node)
    {
        ExpectToken(w, "String", "string");
        w.Line("var text = reader.GetString()!;");
        EmitTextChecks(w, shape, node);

        // A string that breaks a pattern or length is still returned: the violation is reported, nothing is lost.
        w.Line("return text;");
    }

    /// <summary>A date-time, date or uuid, checked on a copy of the text on the stack.</summary>
    private void EmitTextValueReader(CodeWriter w, Shape shape, JsonNode node)
    {
        // No string is made.
        ExpectToken(w, "String", "string");
        EmitStackCopy(w, "text");
        EmitTextChecks(w, shape, node);
        if (shape.Kind == TypeKind.DateTime)
        {
            // A valid date-time that DateTimeOffset cannot hold is reported, never dropped in silence.
            w.Line($"if ({Rt}.CompiledSupport.ReadDateTime(ref reader, text) is {{ }} moment) return moment;");
            w.Line($"if ({Rt}.CompiledSupport.IsFormat(text, \"date-time\")) errors.Add(new(location, \"format\", $\"{{({Rt}.CompiledSupport.Quote(text))}} is a date-time that DateTimeOffset cannot hold: its moment lies outside the years 1 to 9999.\"));");
            w.Line("return null;");
        }
        else
        {
            w.Line(shape.Kind == TypeKind.Date
                ? "return global::System.DateOnly.TryParseExact(text, \"yyyy-MM-dd\", global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.None, out var date) ? date : null;"
                : "return global::System.Guid.TryParse(text, out var id) ? id : null;");
        }
    }

    /// <summary>A code of a closed list, looked up from a copy of the text on the stack.</summary>
    private void EmitCodeReader(CodeWriter w, Shape shape, JsonNode node)
    {
        // A string is made only for a violation. Without "type": "string", a value that is no string breaks the enum itself.
        var declaring = node[KeywordCatalog.Ref.Name] is { } codeReference ? LocalTarget(codeReference) : node;
        ExpectToken(w, "String", "string", declaring is not null && declaring[KeywordCatalog.Type.Name] is null ? "enum" : "type");
        EmitStackCopy(w, "code");
        w.Open($"if ({shape.Export!.Helper}.TryParse(code, out var value))");
        w.Line("return value;");
        w.Close();
        w.Line();
        w.Line(EnumCheck.Report("location", $"{Msg}.Show(code.ToString())"));
        w.Line("return null;");
    }

    /// <summary>Emits a copy of the current string token into <paramref name="variable"/>, on the stack up to 128 characters.</summary>
    private static void EmitStackCopy(CodeWriter w, string variable)
    {
        w.Line("var size = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;");
        w.Line("global::System.Span<char> buffer = size <= 128 ? stackalloc char[128] : new char[size];");
        w.Line($"global::System.ReadOnlySpan<char> {variable} = buffer[..reader.CopyString(buffer)];");
    }

    /// <summary>An integer; a whole number written with a fraction or exponent is accepted.</summary>
    private static void EmitIntegerReader(CodeWriter w, JsonNode node)
    {
        ExpectToken(w, "Number", "integer");
        w.Open("if (!reader.TryGetInt64(out var number))");
        w.Open("if (reader.TryGetDouble(out var real) && global::System.Math.Floor(real) == real && global::System.Math.Abs(real) < 9e18)");
        w.Line("number = (long)real;");
        w.Close();
        w.Open("else");
        w.Line($"errors.Add(new(location, \"type\", {Msg}.Type(\"integer\")));");
        w.Line("return null;");
        w.Close();
        w.Close();
        w.Line();
        NumberBoundsCheck.Emit(w, node, "number", "location");
        w.Line("return number;");
    }

    /// <summary>A number.</summary>
    private static void EmitNumberReader(CodeWriter w, JsonNode node)
    {
        ExpectToken(w, "Number", "number");
        w.Line("var number = reader.GetDouble();");
        NumberBoundsCheck.Emit(w, node, "number", "location");
        w.Line("return number;");
    }

    /// <summary>A boolean.</summary>
    private static void EmitBooleanReader(CodeWriter w)
    {
        w.Open($"if (reader.TokenType is {Json}.JsonTokenType.True or {Json}.JsonTokenType.False)");
        w.Line("return reader.GetBoolean();");
        w.Close();
        w.Line();
        w.Line($"errors.Add(new(location, \"type\", {Msg}.Type(\"boolean\")));");
        w.Line("reader.Skip();");
        w.Line("return null;");
    }

    /// <summary>An object of a generated class, read by the class's own ReadValue.</summary>
    private static void EmitClassReader(CodeWriter w, Shape shape)
    {
        ExpectToken(w, "StartObject", "object");
        w.Line($"return {shape.CsType}.ReadValue(ref reader, location, errors);");
    }

    /// <summary>A list, each item by its own reader; the item reader is queued in <paramref name="nested"/>.</summary>
    private static void EmitArrayReader(CodeWriter w, Shape shape, JsonNode node, string method, List<(Shape Shape, JsonNode Node, string Method)> nested)
    {
        var item = shape.Item!;
        var itemReader = method + "Item";
        nested.Add((item, node[KeywordCatalog.Items.Name] is { IsObject: true } items ? items : EmptySchema, itemReader));
        ExpectToken(w, "StartArray", "array");
        w.Line($"var list = new global::System.Collections.Generic.List<{item.CsType}>();");
        w.Line("var here = location;");
        w.Line("var position = 0;");
        w.Open($"while (reader.Read() && reader.TokenType != {Json}.JsonTokenType.EndArray)");
        w.Open($"if ({itemReader}(ref reader, here, null, position++, errors) is {{ }} item)");
        w.Line("list.Add(item);");
        w.Close();
        w.Close();
        w.Line();
        ItemCountCheck.Emit(w, node, "position", "here");
        if (UniqueItemsCheck.Applies(node) && IsScalar(item))
        {
            UniqueItemsCheck.EmitOnList(w, "list", "here");
        }

        w.Line("return list;");
    }

    /// <summary>A dictionary, each value by its own reader; the value reader is queued in <paramref name="nested"/>.</summary>
    private void EmitMapReader(CodeWriter w, Shape shape, JsonNode node, string method, List<(Shape Shape, JsonNode Node, string Method)> nested)
    {
        var value = shape.Item!;
        var valueReader = method + "Value";
        nested.Add((value, node[KeywordCatalog.AdditionalProperties.Name] is { IsObject: true } values ? values : EmptySchema, valueReader));
        ExpectToken(w, "StartObject", "object");
        w.Line($"var map = new global::System.Collections.Generic.Dictionary<string, {value.CsType}>();");
        w.Line("var here = location;");
        w.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)");
        w.Line("var key = reader.GetString()!;");
        w.Line("reader.Read();");
        if (node[KeywordCatalog.PropertyNames.Name] is { IsObject: true } names)
        {
            StringChecks(w, names, "key", $"{Rt}.CompiledSupport.Location(here, key)", "propertyNames");
        }

        w.Open($"if ({valueReader}(ref reader, here, key, 0, errors) is {{ }} entry)");
        w.Line("map[key] = entry;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return map;");
    }

    private void EmitTextChecks(CodeWriter w, Shape shape, JsonNode node)
    {
        if (shape.Export is { } stringExport)
        {
            w.Line($"{stringExport.Helper}Text(text, parent, name, index, errors);");
        }
        else
        {
            StringChecks(w, node, "text", "location");
        }
    }

    private static void ExpectToken(CodeWriter w, string token, string type, string keyword = "type")
    {
        w.Open($"if (reader.TokenType != {Json}.JsonTokenType.{token})");
        w.Line(keyword == KeywordCatalog.Enum.Name
            ? EnumCheck.Report("location", $"{Rt}.CompiledSupport.Show(reader)")
            : $"errors.Add(new(location, \"{keyword}\", {TypeCheck.Message([type])}));");
        w.Line("reader.Skip();");
        w.Line("return null;");
        w.Close();
        w.Line();
    }
}
