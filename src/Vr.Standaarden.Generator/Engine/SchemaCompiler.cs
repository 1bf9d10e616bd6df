using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// Turns one schema file into C#: a partial class per object schema (root, <c>$defs</c> and inline objects) with a
/// UTF-8 reader that checks the schema while it reads and a writer; an enum per closed list of strings; and a static
/// <c>…Schema</c> class with element validators for what the typed reader does not cover (conditionals, combinators).
/// The generator and <c>vr generate</c> both call this class, so their output is the same byte for byte.
/// </summary>
internal sealed partial class SchemaCompiler
{
    /// <summary>The namespace of the run-time support generated code calls.</summary>
    internal const string Rt = "global::Vr.Standaarden.Schema.Compiled";
    private const string Violations = "global::System.Collections.Generic.List<" + Rt + ".SchemaViolation>";
    /// <summary>The System.Text.Json namespace as generated code names it.</summary>
    internal const string Json = "global::System.Text.Json";
    private const string Input = "global::Vr.Standaarden.Schema.Input";
    private const string Limits = Input + ".InputLimits";
    /// <summary>The class whose methods word a violation.</summary>
    internal const string Msg = "global::Vr.Standaarden.Schema.SchemaMessages";

    /// <summary>
    /// The members generated code skips: keywords that never change validity by the catalogue (annotations, comments,
    /// identifiers, <c>$defs</c>), except <c>format</c>, which generated readers assert.
    /// </summary>
    internal static readonly HashSet<string> Annotations = new(
        KeywordCatalog.All
            .Where(k => k != KeywordCatalog.Format && (k.IsDocumentation || k.IsIdentifier || k == KeywordCatalog.Defs || k == KeywordCatalog.Definitions))
            .Select(k => k.Name),
        StringComparer.Ordinal);

    private static readonly HashSet<string> Supported = KeywordSupport.Set(KeywordSupport.Use.Compiled);

    private readonly SchemaSource _source;
    private readonly string _namespace;
    private readonly Dictionary<string, TypeExport> _catalog;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private DiagnosticInfo? _standardReference;
    private readonly Dictionary<string, string> _definitionNames = new(StringComparer.Ordinal);
    private readonly JsonNode _root;
    private readonly string _baseUri;
    private readonly string _baseName;
    private readonly CodeWriter _types = new();
    private readonly CodeWriter _validators = new();
    private readonly Dictionary<JsonNode, string> _validatorNames = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly Queue<(JsonNode Node, string Name)> _pendingClasses = new();
    private readonly Queue<(JsonNode Node, string Name)> _pendingEnums = new();
    private readonly HashSet<JsonNode> _reportedUnsupported = new();
    private bool _usesGeometry;
    private System.Threading.CancellationToken _cancellation;

    private SchemaCompiler(SchemaSource source, JsonNode root, string ns, Dictionary<string, TypeExport> catalog, string? baseName)
    {
        _source = source;
        _root = root;
        _namespace = ns;
        _catalog = catalog;
        _baseUri = BaseUri(source, root);
        _baseName = baseName ?? BaseName(source, root);
    }

    /// <summary>What other files need to refer to the schemas in <paramref name="source"/>.</summary>
    public static FileExports Export(SchemaSource source, string ns)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(source.Text);
        }
        catch (JsonSyntaxException)
        {
            return new FileExports(source.Path, null, new EquatableArray<TypeExport>([]));
        }

        var baseUri = BaseUri(source, root);
        var baseName = BaseName(source, root);
        var helper = $"global::{ns}.{baseName}Schema";
        var exports = new List<TypeExport>();
        if (root.IsObject)
        {
            exports.Add(ExportOf(baseUri, root, baseName, ns, helper));
            if (root[KeywordCatalog.Defs.Name] is { IsObject: true } defs)
            {
                foreach (var def in defs.Members)
                {
                    exports.Add(ExportOf(baseUri + "#/$defs/" + def.Key, def.Value, Names.Pascal(def.Key), ns, helper));
                }
            }
        }

        return new FileExports(source.Path, baseUri, new EquatableArray<TypeExport>(exports.ToArray()), baseName);
    }

    /// <summary>The C# for <paramref name="source"/>, with the exports of all files for resolving <c>$ref</c>.</summary>
    public static GeneratedFile Compile(SchemaSource source, IEnumerable<FileExports> catalog, string ns, System.Threading.CancellationToken cancellationToken = default)
    {
        var hint = HintName(source.Path);
        JsonNode root;
        try
        {
            root = JsonNode.Parse(source.Text);
        }
        catch (JsonSyntaxException ex)
        {
            return new GeneratedFile(hint, "", new EquatableArray<DiagnosticInfo>(
            [
                new DiagnosticInfo(Diagnostics.InvalidJson.Id, source.Path, ex.Line, ex.Column, $"The schema file is not valid JSON: {ex.Message} at line {ex.Line}, column {ex.Column}."),
            ]));
        }

        if (!root.IsObject)
        {
            return new GeneratedFile(hint, "", new EquatableArray<DiagnosticInfo>(
            [
                new DiagnosticInfo(Diagnostics.NoSchema.Id, source.Path, root.Line, root.Column, "The file is not a JSON Schema object; no code is generated for it."),
            ]));
        }

        // A schema that breaks its meta-schema is reported where it breaks, and no code is generated from it.
        var lint = SchemaLint.Check(root, source.Path);
        if (lint.Any(d => d.Id == Diagnostics.InvalidSchema.Id))
        {
            lint.Sort();
            return new GeneratedFile(hint, "", new EquatableArray<DiagnosticInfo>(lint.ToArray()));
        }

        var byUri = new Dictionary<string, TypeExport>(StringComparer.Ordinal);
        FileExports? own = null;
        foreach (var file in catalog)
        {
            own = file.Path == source.Path ? file : own;
            foreach (var export in file.Types)
            {
                byUri[export.Uri] = export;
            }
        }

        var compiler = new SchemaCompiler(source, root, ns, byUri, own?.SameTitleAs is null ? null : own.BaseName) { _cancellation = cancellationToken };
        foreach (var definition in own?.RenamedDefinitions ?? new EquatableArray<RenamedDefinition>([]))
        {
            compiler._definitionNames[definition.Key] = definition.Name;
            var at = root[KeywordCatalog.Defs.Name]?[definition.Key] ?? root;
            compiler._diagnostics.Add(new DiagnosticInfo(Diagnostics.SameTitle.Id, source.Path, at.Line, at.Column,
                $"The $defs entry '{definition.Key}' gives the same type name as one in {definition.SameNameAs}; it is named {definition.Name} here."));
        }

        if (own?.SameTitleAs is { } first)
        {
            var title = root[KeywordCatalog.Title.Name] ?? root;
            compiler._diagnostics.Add(new DiagnosticInfo(Diagnostics.SameTitle.Id, source.Path, title.Line, title.Column,
                $"The title '{root.String(KeywordCatalog.Title.Name)}' gives the same type name as {first}; the types of this file are named {own.BaseName}. Give the schemas different titles to choose the names."));
        }

        var text = compiler.Emit();
        var diagnostics = compiler._diagnostics.Concat(lint).Distinct().ToList();
        diagnostics.Sort();
        return new GeneratedFile(hint, text, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()), compiler._standardReference);
    }

    /// <summary>
    /// A stable hint name for the file: its folder and file name with separators folded (the same on every machine,
    /// unlike the full path).
    /// </summary>
    public static string HintName(string path)
    {
        var parts = path.Split('/').Where(p => p.Length > 0).ToArray();
        var tail = string.Join("_", parts.Skip(Math.Max(0, parts.Length - 2)));
        var chars = tail.Select(c => char.IsLetterOrDigit(c) && c < 128 ? c : '_').ToArray();
        return new string(chars).Trim('_') + ".g.cs";
    }

    private static string BaseUri(SchemaSource source, JsonNode root) =>
        root.IsObject && root.String(KeywordCatalog.Id.Name) is { } id && SchemaReference.TryResolve(null, id, out var resolved)
            ? resolved.Resource
            : "file:///" + source.Path.TrimStart('/');

    private static string BaseName(SchemaSource source, JsonNode root)
    {
        if (root.IsObject && root.String(KeywordCatalog.Title.Name) is { Length: > 0 } title)
        {
            return Names.Pascal(title);
        }

        var file = source.Path.Substring(source.Path.LastIndexOf('/') + 1);
        var dot = file.IndexOf('.');
        return Names.Pascal(dot > 0 ? file.Substring(0, dot) : file);
    }

    private static TypeExport ExportOf(string uri, JsonNode node, string name, string ns, string helper)
    {
        // Arrays are only referred to as whole JSON values; their items are checked by the element validator.
        var kind = KindOf(node) is var k && k == TypeKind.Array ? TypeKind.Any : KindOf(node);
        var type = kind switch
        {
            TypeKind.Class or TypeKind.Enum => $"global::{ns}.{name}",
            _ => ScalarType(kind),
        };
        return new TypeExport(uri, kind, type, kind == TypeKind.Enum ? $"global::{ns}.{name}Codes" : helper + "." + name);
    }

    /// <summary>How a schema maps to C#, from the schema alone.</summary>
    private static TypeKind KindOf(JsonNode node)
    {
        if (!node.IsObject || node[KeywordCatalog.Ref.Name] is not null && node[KeywordCatalog.Properties.Name] is null)
        {
            return TypeKind.Any;
        }

        if (node[KeywordCatalog.Enum.Name] is { Kind: JsonKind.Array } values && values.Items.Count > 0 && values.Items.All(v => v.Kind == JsonKind.String))
        {
            return TypeKind.Enum;
        }

        var type = node[KeywordCatalog.Type.Name] is { Kind: JsonKind.String } t ? t.Text : null;
        if (IsGeoJsonGeometry(node))
        {
            return TypeKind.Geometry;
        }

        if (node[KeywordCatalog.Properties.Name] is { IsObject: true, Members.Count: > 0 } && (type is null or "object"))
        {
            return TypeKind.Class;
        }

        return type switch
        {
            "object" => TypeKind.Map,
            "string" => node.String(KeywordCatalog.Format.Name) switch
            {
                "date-time" => TypeKind.DateTime,
                "date" => TypeKind.Date,
                "uuid" => TypeKind.Uuid,
                _ => TypeKind.String,
            },
            "integer" => TypeKind.Integer,
            "number" => TypeKind.Number,
            "boolean" => TypeKind.Boolean,
            "array" => TypeKind.Array,
            _ => node[KeywordCatalog.Const.Name] is { Kind: JsonKind.String } ? TypeKind.String : TypeKind.Any,
        };
    }

    private static readonly HashSet<string> GeoJsonTypes = new(StringComparer.Ordinal)
    {
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
    };

    /// <summary>
    /// A GeoJSON geometry: an object schema with "type" limited to GeoJSON geometry types and "coordinates". It maps to a
    /// NetTopologySuite geometry; the schema still checks the JSON.
    /// </summary>
    private static bool IsGeoJsonGeometry(JsonNode node)
    {
        if (node[KeywordCatalog.Properties.Name] is not { IsObject: true } properties || properties["coordinates"] is null || properties[KeywordCatalog.Type.Name] is not { IsObject: true } type)
        {
            return false;
        }

        var values = type[KeywordCatalog.Enum.Name] is { Kind: JsonKind.Array } e ? e.Items : type[KeywordCatalog.Const.Name] is { } c ? [c] : [];
        return values.Count > 0 && values.All(v => v.Kind == JsonKind.String && GeoJsonTypes.Contains(v.Text));
    }

    private static string ScalarType(TypeKind kind) => kind switch
    {
        TypeKind.Geometry => "global::NetTopologySuite.Geometries.Geometry",
        TypeKind.String => "string",
        TypeKind.DateTime => "global::System.DateTimeOffset",
        TypeKind.Date => "global::System.DateOnly",
        TypeKind.Uuid => "global::System.Guid",
        TypeKind.Integer => "long",
        TypeKind.Number => "double",
        TypeKind.Boolean => "bool",
        TypeKind.Map => "global::System.Collections.Generic.Dictionary<string, " + Json + ".JsonElement>",
        _ => Json + ".JsonElement",
    };

    private static bool IsValueType(TypeKind kind) => kind is not (TypeKind.String or TypeKind.Class or TypeKind.Array or TypeKind.Map or TypeKind.Geometry);

    private void Report(string id, JsonNode at, string message) =>
        _diagnostics.Add(new DiagnosticInfo(id, _source.Path, at.Line, at.Column, message));

    private string Emit()
    {
        var rootKind = KindOf(_root);
        if (rootKind == TypeKind.Class)
        {
            _pendingClasses.Enqueue((_root, Reserve(_baseName)));
        }
        else if (rootKind == TypeKind.Enum)
        {
            _pendingEnums.Enqueue((_root, Reserve(_baseName)));
        }

        var defs = _root[KeywordCatalog.Defs.Name] is { IsObject: true } d ? d.Members : new List<KeyValuePair<string, JsonNode>>();
        foreach (var def in defs)
        {
            var kind = KindOf(def.Value);
            if (kind == TypeKind.Class)
            {
                _pendingClasses.Enqueue((def.Value, Reserve(DefinitionName(def.Key))));
            }
            else if (kind == TypeKind.Enum)
            {
                _pendingEnums.Enqueue((def.Value, Reserve(DefinitionName(def.Key))));
            }
        }

        // Each exported schema gets an element validator (and a text check when it is a string), for other files to call.
        var exports = new CodeWriter();
        EmitExported(exports, _root, _baseName, rootKind);
        foreach (var def in defs)
        {
            EmitExported(exports, def.Value, Names.Pascal(def.Key), KindOf(def.Value));
        }

        while (_pendingClasses.Count > 0 || _pendingEnums.Count > 0)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (_pendingClasses.Count > 0)
            {
                var (node, name) = _pendingClasses.Dequeue();
                EmitClass(node, name);
            }
            else
            {
                var (node, name) = _pendingEnums.Dequeue();
                EmitEnum(node, name);
            }
        }

        var file = new CodeWriter();
        file.Line("// <auto-generated/>");
        file.Line($"// Generated by Vr.Standaarden.Generator from {_source.Path.Substring(_source.Path.LastIndexOf('/') + 1)}{(_root.String(KeywordCatalog.Id.Name) is { } id ? $" ({id})" : "")}.");
        file.Line("#nullable enable");
        file.Line("#pragma warning disable CS1591, CS0108, CA1707, CA1716, CA1720, CA1724, CA1819, CA2227, IDE0005");
        file.Line();
        file.Line($"namespace {_namespace};");
        file.Line();
        file.Append(_types);
        file.Line($"/// <summary>Validators of {Names.XmlText(_source.Path.Substring(_source.Path.LastIndexOf('/') + 1))} for values held as JSON elements.</summary>");
        file.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        file.Open($"public static partial class {_baseName}Schema");
        if (_root.String(KeywordCatalog.Id.Name) is { } schemaId)
        {
            file.Line("/// <summary>The <c>$id</c> of the schema these types are generated from.</summary>");
            file.Line($"public const string SchemaId = {Names.Literal(schemaId)};");
            file.Line();
        }

        file.Append(exports);
        file.Append(_validators);
        var patterns = new CodeWriter();
        if (_usesGeometry)
        {
            EmitGeometryHelpers(patterns);
        }

        EmitPatternFields(patterns);
        file.Append(patterns);
        file.Close();
        return file.ToString();
    }

    private string Reserve(string name) => Names.Unique(name, _typeNames);

    private string DefinitionName(string key) => _definitionNames.TryGetValue(key, out var renamed) ? renamed : Names.Pascal(key);

    /// <summary>
    /// GeoJSON ↔ NetTopologySuite for the files that use geometries: the six simple types are built directly from the
    /// already checked JSON (the serializer route costs several microseconds per geometry); anything else goes through
    /// NetTopologySuite's GeoJSON converter.
    /// </summary>
    private static void EmitGeometryHelpers(CodeWriter w)
    {
        const string Nts = "global::NetTopologySuite.Geometries";
        w.Line("/// <summary>Serializer options that read and write GeoJSON geometries with NetTopologySuite.</summary>");
        w.Line($"public static readonly {Json}.JsonSerializerOptions GeoJson = new() {{ Converters = {{ new global::NetTopologySuite.IO.Converters.GeoJsonConverterFactory() }} }};");
        w.Line();
        w.Line("/// <summary>NetTopologySuite's GeoJSON converter, called directly: no reflection-based serialization, which trimmed and AOT apps lack.</summary>");
        w.Line($"public static readonly {Json}.Serialization.JsonConverter<{Nts}.Geometry> GeometryConverter =");
        w.Line($"    ({Json}.Serialization.JsonConverter<{Nts}.Geometry>)new global::NetTopologySuite.IO.Converters.GeoJsonConverterFactory().CreateConverter(typeof({Nts}.Geometry), GeoJson)!;");
        w.Line($"private static readonly {Nts}.GeometryFactory GeometryFactory = new();");
        w.Line();
        w.Line("/// <summary>The geometry a checked GeoJSON value describes, or <c>null</c> when it describes none.</summary>");
        w.Open($"public static {Nts}.Geometry? ToGeometry({Json}.JsonElement value)");
        w.Open("try");
        w.Open($"if (value.ValueKind != {Json}.JsonValueKind.Object || !value.TryGetProperty(\"type\", out var type) || !value.TryGetProperty(\"coordinates\", out var c))");
        w.Line("return ReadWithConverter(value);");
        w.Close();
        w.Line();
        // The type is compared as UTF-8; a type that is no string throws InvalidOperationException, caught below.
        w.Line("if (type.ValueEquals(\"Point\"u8)) return GeometryFactory.CreatePoint(Position(c));");
        w.Line("if (type.ValueEquals(\"MultiPoint\"u8)) return GeometryFactory.CreateMultiPointFromCoords(Positions(c));");
        w.Line("if (type.ValueEquals(\"LineString\"u8)) return GeometryFactory.CreateLineString(Positions(c));");
        w.Line("if (type.ValueEquals(\"MultiLineString\"u8)) return GeometryFactory.CreateMultiLineString(global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(c.EnumerateArray(), l => GeometryFactory.CreateLineString(Positions(l)))));");
        w.Line("if (type.ValueEquals(\"Polygon\"u8)) return Polygon(c);");
        w.Line("if (type.ValueEquals(\"MultiPolygon\"u8)) return GeometryFactory.CreateMultiPolygon(global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(c.EnumerateArray(), Polygon)));");
        w.Line("return ReadWithConverter(value);");
        w.Close();
        EmitNoGeometry(w);
        w.Close();
        w.Line();
        w.Line("/// <summary>The geometry of the GeoJSON value a copy of <paramref name=\"reader\"/> is at, or <c>null</c> when it describes none; the same as <see cref=\"ToGeometry\"/> without a JSON snapshot.</summary>");
        w.Open($"public static {Nts}.Geometry? ReadGeometry({Json}.Utf8JsonReader reader)");
        w.Line("var start = reader;");
        w.Open("try");
        w.Open($"if (reader.TokenType == {Json}.JsonTokenType.StartObject)");
        w.Line("var kind = -1;");
        w.Line($"{Json}.Utf8JsonReader coordinates = default;");
        w.Line("var hasCoordinates = false;");
        w.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)");
        w.Open("if (reader.ValueTextEquals(\"type\"u8))");
        w.Line("reader.Read();");
        // A type that is no string describes no geometry, as ToGeometry finds.
        w.Line($"kind = reader.TokenType != {Json}.JsonTokenType.String ? -2 : reader.ValueTextEquals(\"Point\"u8) ? 0 : reader.ValueTextEquals(\"MultiPoint\"u8) ? 1 : reader.ValueTextEquals(\"LineString\"u8) ? 2 : reader.ValueTextEquals(\"MultiLineString\"u8) ? 3 : reader.ValueTextEquals(\"Polygon\"u8) ? 4 : reader.ValueTextEquals(\"MultiPolygon\"u8) ? 5 : 6;");
        w.Close();
        w.Open("else if (reader.ValueTextEquals(\"coordinates\"u8))");
        w.Line("reader.Read();");
        w.Line("coordinates = reader;");
        w.Line("hasCoordinates = true;");
        w.Close();
        w.Open("else");
        w.Line("reader.Read();");
        w.Close();
        w.Line();
        w.Line("reader.Skip();");
        w.Close();
        w.Line();
        w.Open("if (kind == -2 && hasCoordinates)");
        w.Line("return null;");
        w.Close();
        w.Line();
        w.Open("if (hasCoordinates)");
        w.Open("switch (kind)");
        w.Line("case 0: return GeometryFactory.CreatePoint(Position(ref coordinates));");
        w.Line("case 1: return GeometryFactory.CreateMultiPointFromCoords(Positions(ref coordinates));");
        w.Line("case 2: return GeometryFactory.CreateLineString(Positions(ref coordinates));");
        w.Line("case 3: return GeometryFactory.CreateMultiLineString(Lines(ref coordinates));");
        w.Line("case 4: return Polygon(ref coordinates);");
        w.Line("case 5: return GeometryFactory.CreateMultiPolygon(Polygons(ref coordinates));");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Line($"return GeometryConverter.Read(ref start, typeof({Nts}.Geometry), GeoJson);");
        w.Close();
        EmitNoGeometry(w);
        w.Close();
        w.Line();
        w.Open($"private static {Nts}.Coordinate Position(ref {Json}.Utf8JsonReader reader)");
        w.Open($"if (reader.TokenType != {Json}.JsonTokenType.StartArray)");
        w.Line("throw new global::System.FormatException(\"A position is an array.\");");
        w.Close();
        w.Line();
        w.Line("double x = 0, y = 0, z = 0;");
        w.Line("var count = 0;");
        w.Open($"while (reader.Read() && reader.TokenType != {Json}.JsonTokenType.EndArray)");
        w.Line("if (count == 0) x = reader.GetDouble();");
        w.Line("else if (count == 1) y = reader.GetDouble();");
        w.Line("else if (count == 2) z = reader.GetDouble();");
        w.Line("else reader.Skip();");
        w.Line("count++;");
        w.Close();
        w.Line();
        w.Open("if (count < 2)");
        w.Line("throw new global::System.FormatException(\"A position has at least two numbers.\");");
        w.Close();
        w.Line();
        w.Line($"return count > 2 ? new {Nts}.CoordinateZ(x, y, z) : new {Nts}.Coordinate(x, y);");
        w.Close();
        w.Line();
        EmitGeometryList(w, "Coordinate", "Positions", "Position(ref reader)");
        EmitGeometryList(w, "LineString", "Lines", "GeometryFactory.CreateLineString(Positions(ref reader))");
        EmitGeometryList(w, "LinearRing", "Rings", "GeometryFactory.CreateLinearRing(Positions(ref reader))");
        EmitGeometryList(w, "Polygon", "Polygons", "Polygon(ref reader)");
        w.Open($"private static {Nts}.Polygon Polygon(ref {Json}.Utf8JsonReader reader)");
        w.Line("var rings = Rings(ref reader);");
        w.Line("return GeometryFactory.CreatePolygon(rings[0], rings[1..]);");
        w.Close();
        w.Line();
        w.Line($"private static {Nts}.Coordinate Position({Json}.JsonElement p) =>");
        w.Line($"    p.GetArrayLength() > 2 ? new {Nts}.CoordinateZ(p[0].GetDouble(), p[1].GetDouble(), p[2].GetDouble()) : new {Nts}.Coordinate(p[0].GetDouble(), p[1].GetDouble());");
        w.Line();
        w.Open($"private static {Nts}.Geometry? ReadWithConverter({Json}.JsonElement value)");
        w.Line($"var reader = new {Json}.Utf8JsonReader(global::System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value));");
        w.Line("reader.Read();");
        w.Line($"return GeometryConverter.Read(ref reader, typeof({Nts}.Geometry), GeoJson);");
        w.Close();
        w.Line();
        w.Line($"private static {Nts}.Coordinate[] Positions({Json}.JsonElement list) =>");
        w.Line("    global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(list.EnumerateArray(), Position));");
        w.Line();
        w.Open($"private static {Nts}.Polygon Polygon({Json}.JsonElement rings)");
        w.Line("var all = global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(rings.EnumerateArray(), r => GeometryFactory.CreateLinearRing(Positions(r))));");
        w.Line("return GeometryFactory.CreatePolygon(all[0], all[1..]);");
        w.Close();
    }

    /// <summary>The catch clause of the geometry readers: JSON that describes no geometry reads as <c>null</c>.</summary>
    private static void EmitNoGeometry(CodeWriter w)
    {
        w.Open($"catch (global::System.Exception ex) when (ex is {Json}.JsonException or global::System.InvalidOperationException or global::System.ArgumentException or global::System.IndexOutOfRangeException or global::System.FormatException or global::System.ArithmeticException or global::System.NotSupportedException)");
        w.Line("return null;");
        w.Close();
    }

    /// <summary>Emits <c>{method}(ref Utf8JsonReader)</c>: the items of a JSON array, each read by <paramref name="item"/>.</summary>
    private static void EmitGeometryList(CodeWriter w, string type, string method, string item)
    {
        const string Nts = "global::NetTopologySuite.Geometries";
        w.Open($"private static {Nts}.{type}[] {method}(ref {Json}.Utf8JsonReader reader)");
        w.Open($"if (reader.TokenType != {Json}.JsonTokenType.StartArray)");
        w.Line("throw new global::System.FormatException(\"Coordinates are arrays.\");");
        w.Close();
        w.Line();
        w.Line($"var list = new global::System.Collections.Generic.List<{Nts}.{type}>();");
        w.Open($"while (reader.Read() && reader.TokenType != {Json}.JsonTokenType.EndArray)");
        w.Line($"list.Add({item});");
        w.Close();
        w.Line();
        w.Line("return list.ToArray();");
        w.Close();
        w.Line();
    }

    private void EmitExported(CodeWriter w, JsonNode node, string name, TypeKind kind)
    {
        if (!node.IsObject)
        {
            return;
        }

        _usesGeometry |= kind == TypeKind.Geometry;
        var validator = kind switch
        {
            TypeKind.Class => $"global::{_namespace}.{name}.ValidateElement",
            TypeKind.Enum => $"global::{_namespace}.{name}Codes.ValidateElement",
            _ => ElementValidator(node, null),
        };
        w.Line($"/// <summary>Validates a value against {Names.XmlText(name)}.</summary>");
        w.Line($"public static void {name}(global::System.Text.Json.JsonElement value, string location, {Violations} errors) => {validator}(value, location, errors);");
        w.Line();
        if (kind == TypeKind.Geometry)
        {
            // Geometries are read into NetTopologySuite, not a generated type: they are checked straight from the reader.
            w.Line($"/// <summary>Reads one value from <paramref name=\"reader\"/> (which ends on its last token) and validates it against {Names.XmlText(name)}; <paramref name=\"name\"/> is the member (or null and <paramref name=\"index\"/> the item) under <paramref name=\"parent\"/>.</summary>");
            w.Open($"public static void {name}Stream(ref {Json}.Utf8JsonReader reader, string parent, string? name, int index, {Violations} errors)");
            if (Streamable(node))
            {
                w.Line($"{StreamValidator(node)}(ref reader, parent, name, index, errors);");
            }
            else
            {
                w.Line($"using var document = {Json}.JsonDocument.ParseValue(ref reader);");
                w.Line($"{validator}(document.RootElement, {Here}, errors);");
            }

            w.Close();
            w.Line();
        }
        if (kind is TypeKind.String or TypeKind.DateTime or TypeKind.Date or TypeKind.Uuid)
        {
            // The location comes as parent, member and index, and becomes a string only for a violation.
            w.Line($"/// <summary>Checks a text against {Names.XmlText(name)}; <paramref name=\"name\"/> is the member (or null and <paramref name=\"index\"/> the item) under <paramref name=\"parent\"/>.</summary>");
            w.Open($"public static void {name}Text(global::System.ReadOnlySpan<char> text, string parent, string? name, int index, {Violations} errors)");
            StringChecks(w, node, "text", Here);
            w.Close();
            w.Line();
        }
    }
}
