using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Vr.Standaarden.Schema.Compiled;

namespace Vr.Standaarden.Generator.Tests;

public sealed class GeneratorTests
{
    private static (object? Value, List<SchemaViolation> Errors) Read(Assembly assembly, string type, string json)
    {
        var errors = new List<SchemaViolation>();
        var read = assembly.GetType(type, throwOnError: true)!.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>), typeof(List<SchemaViolation>)])!;
        var value = read.CreateDelegate<ReadDelegate>()(Encoding.UTF8.GetBytes(json), errors);
        return (value, errors);
    }

    private delegate object? ReadDelegate(ReadOnlySpan<byte> json, List<SchemaViolation> errors);

    private static string Write(object value) => Encoding.UTF8.GetString((byte[])value.GetType().GetMethod("ToUtf8Json")!.Invoke(value, null)!);

    private const string Valid = """
        {"id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","naam":"Sporthal De Bres","status":"OPEN","soort":"sporthal",
         "geopend":"2026-11-20T22:00:00+01:00","capaciteit":120,"postcode":"2511XH","voorzieningen":["douche","bedden"],
         "contact":{"telefoon":"+31 70 123 4567"}}
        """;

    [Fact]
    public void A_schema_titled_Opvanglocatie_yields_a_type_Opvanglocatie_that_compiles_without_diagnostics()
    {
        var (run, compile, assembly) = Generate();
        Assert.Empty(run.Diagnostics);
        Assert.Empty(compile.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(assembly!.GetType("Regio.Opvang.Opvanglocatie"));
        Assert.NotNull(assembly.GetType("Regio.Opvang.Status"));
        Assert.True(assembly.GetType("Regio.Opvang.Status")!.IsEnum);
    }

    private static (GeneratorDriverRunResult Run, System.Collections.Immutable.ImmutableArray<Diagnostic> Compile, Assembly? Assembly) Generate() =>
        Harness.Generate(Harness.Files("opvanglocatie.schema.json", "status.json"));

    [Fact]
    public void Generated_reader_accepts_valid_json_and_writer_round_trips_it()
    {
        var (_, _, assembly) = Generate();
        var (value, errors) = Read(assembly!, "Regio.Opvang.Opvanglocatie", Valid);
        Assert.Empty(errors);
        var written = Write(value!);
        Assert.Equal(written, Write(Read(assembly!, "Regio.Opvang.Opvanglocatie", written).Value!));
        Assert.Contains("\"status\":\"OPEN\"", written, StringComparison.Ordinal);
        Assert.Contains("\"geopend\":\"2026-11-20T22:00:00+01:00\"", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"naam\":\"Sporthal De Bres\"", "\"naam\":\"\"", "/naam", "minLength")]
    [InlineData("\"status\":\"OPEN\"", "\"status\":\"DICHT\"", "/status", "enum")]
    [InlineData("\"soort\":\"sporthal\"", "\"soort\":\"kerk\"", "/soort", "enum")]
    [InlineData("\"capaciteit\":120", "\"capaciteit\":-1", "/capaciteit", "minimum")]
    [InlineData("\"capaciteit\":120", "\"capaciteit\":1.5", "/capaciteit", "type")]
    [InlineData("\"capaciteit\":120,", "", "", "required")]
    [InlineData("\"postcode\":\"2511XH\"", "\"postcode\":\"2511 XH\"", "/postcode", "pattern")]
    [InlineData("[\"douche\",\"bedden\"]", "[\"douche\",\"douche\"]", "/voorzieningen", "uniqueItems")]
    [InlineData("\"telefoon\":\"+31 70 123 4567\"", "\"telefoon\":\"+31 70 123 4567\",\"fax\":\"1\"", "/contact/fax", "additionalProperties")]
    [InlineData("2026-11-20T22:00:00+01:00", "2026-11-20 22:00", "/geopend", "format")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "geen-uuid", "/id", "format")]
    public void Generated_reader_reports_each_broken_keyword_with_its_json_pointer(string valid, string broken, string location, string keyword)
    {
        var (_, _, assembly) = Generate();
        Assert.Contains(valid, Valid, StringComparison.Ordinal);
        var (value, errors) = Read(assembly!, "Regio.Opvang.Opvanglocatie", Valid.Replace(valid, broken, StringComparison.Ordinal));
        Assert.NotNull(value);
        Assert.Contains(errors, e => e.InstanceLocation == location && e.Keyword == keyword);
    }

    /// <summary>
    /// The engine and the generated reader take their texts from one catalogue: where both report a failure (same place,
    /// same keyword), they word it the same in English and in Dutch.
    /// </summary>
    [Theory]
    [InlineData("\"naam\":\"Sporthal De Bres\"", "\"naam\":\"\"")]
    [InlineData("\"status\":\"OPEN\"", "\"status\":\"DICHT\"")]
    [InlineData("\"soort\":\"sporthal\"", "\"soort\":\"kerk\"")]
    [InlineData("\"capaciteit\":120", "\"capaciteit\":-1")]
    [InlineData("\"capaciteit\":120", "\"capaciteit\":1.5")]
    [InlineData("\"capaciteit\":120,", "")]
    [InlineData("\"id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"naam\":\"Sporthal De Bres\",", "")]
    [InlineData("\"postcode\":\"2511XH\"", "\"postcode\":\"2511 XH\"")]
    [InlineData("[\"douche\",\"bedden\"]", "[\"douche\",\"bedden\",\"douche\"]")]
    [InlineData("\"telefoon\":\"+31 70 123 4567\"", "\"telefoon\":\"+31 70 123 4567\",\"fax\":\"1\"")]
    [InlineData("2026-11-20T22:00:00+01:00", "2026-11-20 22:00")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "geen-uuid")]
    public void Engine_and_generated_reader_word_each_failure_alike(string valid, string broken)
    {
        var (_, _, assembly) = Generate();
        var json = Valid.Replace(valid, broken, StringComparison.Ordinal);
        var generated = Read(assembly!, "Regio.Opvang.Opvanglocatie", json).Errors;
        var registry = new Vr.Standaarden.Schema.SchemaRegistry();
        registry.MapPrefix("https://regio.example/schemas/", Harness.SchemaFolder);
        var engine = Vr.Standaarden.Schema.JsonSchema.FromFile(Path.Combine(Harness.SchemaFolder, "opvanglocatie.schema.json"),
            new Vr.Standaarden.Schema.JsonSchemaOptions { Registry = registry, AssertFormat = true }).Evaluate(Encoding.UTF8.GetBytes(json));

        var fromEngine = engine.MostSpecificErrors.Select(e => (e.InstanceLocation, e.Keyword, e.Text.English, e.Text.Dutch)).ToList();
        Assert.NotEmpty(generated);
        Assert.All(generated, g => Assert.Contains((g.InstanceLocation, g.Keyword, g.Text.English, g.Text.Dutch), fromEngine));
        Assert.All(generated, g => Assert.NotEqual(g.Text.English, g.Text.Dutch));
    }

    [Fact]
    public void Output_is_the_same_in_every_culture_and_on_every_run()
    {
        string Text()
        {
            var run = Harness.Driver(Harness.Files("opvanglocatie.schema.json", "status.json")).RunGenerators(Harness.Compilation()).GetRunResult();
            return string.Join("\n---\n", run.Results.Single().GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText));
        }

        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = Text();
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            var turkish = Text();
            CultureInfo.CurrentCulture = new CultureInfo("nl-NL");
            Assert.Equal(invariant, turkish);
            Assert.Equal(invariant, Text());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Unsupported_keywords_unresolved_references_and_broken_json_are_diagnostics_at_the_schema_line()
    {
        var schema = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Proef",
              "type": "object",
              "properties": {
                "a": { "type": "object", "unevaluatedProperties": false },
                "b": { "$ref": "bestaat-niet.json" }
              }
            }
            """;
        var run = Harness.Driver([new Harness.InMemoryText("/p/proef.schema.json", schema), new Harness.InMemoryText("/p/kapot.schema.json", "{ \"$schema\": \"x\",\n  \"title\": }")])
            .RunGenerators(Harness.Compilation()).GetRunResult();
        var unsupported = Assert.Single(run.Diagnostics, d => d.Id == "VR1001");
        Assert.Equal(DiagnosticSeverity.Warning, unsupported.Severity);
        Assert.Equal("/p/proef.schema.json", unsupported.Location.GetLineSpan().Path);
        Assert.Equal(5, unsupported.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'unevaluatedProperties'", unsupported.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var unresolved = Assert.Single(run.Diagnostics, d => d.Id == "VR1002");
        Assert.Equal(DiagnosticSeverity.Error, unresolved.Severity);
        Assert.Equal(6, unresolved.Location.GetLineSpan().StartLinePosition.Line);
        var broken = Assert.Single(run.Diagnostics, d => d.Id == "VR1003");
        Assert.Equal(1, broken.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Unique_items_of_objects_are_compared_as_json_not_by_reference()
    {
        var schema = """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Rooster", "type": "object",
              "properties": { "diensten": { "type": "array", "uniqueItems": true,
                "items": { "type": "object", "properties": { "rol": { "type": "string" } } } } } }
            """;
        var (run, compile, assembly) = Harness.Generate([new Harness.InMemoryText("/p/rooster.schema.json", schema)], "Regio.Rooster");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));
        var (_, errors) = Read(assembly!, "Regio.Rooster.Rooster", """{"diensten":[{"rol":"OL"},{"rol":"OL"}]}""");
        Assert.Contains(errors, e => e.InstanceLocation == "/diensten" && e.Keyword == "uniqueItems");
        Assert.Empty(Read(assembly!, "Regio.Rooster.Rooster", """{"diensten":[{"rol":"OL"},{"rol":"IM"}]}""").Errors);
    }

    [Theory]
    [InlineData("#/$defs/code")]
    [InlineData("https://regio.example/schemas/meting.json#/$defs/code")]
    [InlineData("meting.json#/$defs/code")]
    public void A_definition_of_the_same_file_is_checked_however_the_reference_names_it(string reference)
    {
        var schema = $$"""
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://regio.example/schemas/meting.json", "title": "Meting", "type": "object",
              "properties": { "code": { "$ref": "{{reference}}" } },
              "$defs": { "code": { "type": "string", "pattern": "^[A-Z]{2}[0-9]$", "maxLength": 3 } } }
            """;
        var (run, compile, assembly) = Harness.Generate([new Harness.InMemoryText("/p/meting.schema.json", schema)], "Regio.Meting");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(Read(assembly!, "Regio.Meting.Meting", """{"code":"AB1"}""").Errors);
        var wrong = Assert.Single(Read(assembly!, "Regio.Meting.Meting", """{"code":"ab1"}""").Errors);
        Assert.Equal(("/code", "pattern"), (wrong.InstanceLocation, wrong.Keyword));
    }

    [Fact]
    public void Keywords_of_an_inline_object_are_checked_once_by_its_own_reader()
    {
        var schema = """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Adresdeel", "type": "object",
              "properties": { "adres": { "type": "object", "minProperties": 1, "maxProperties": 2, "additionalProperties": false,
                "dependentRequired": { "huisletter": ["huisnummer"] },
                "properties": { "huisnummer": { "type": "integer" }, "huisletter": { "type": "string" }, "straat": { "type": "string" } } } } }
            """;
        var (run, compile, assembly) = Harness.Generate([new Harness.InMemoryText("/p/adresdeel.schema.json", schema)], "Regio.Adres");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));
        const string Type = "Regio.Adres.Adresdeel";

        var empty = Assert.Single(Read(assembly!, Type, """{"adres":{}}""").Errors);
        Assert.Equal(("/adres", "minProperties"), (empty.InstanceLocation, empty.Keyword));
        var many = Assert.Single(Read(assembly!, Type, """{"adres":{"huisnummer":1,"huisletter":"A","straat":"Binnenhof"}}""").Errors);
        Assert.Equal(("/adres", "maxProperties"), (many.InstanceLocation, many.Keyword));
        var dependent = Assert.Single(Read(assembly!, Type, """{"adres":{"huisletter":"A"}}""").Errors);
        Assert.Equal(("/adres", "dependentRequired"), (dependent.InstanceLocation, dependent.Keyword));
        Assert.Empty(Read(assembly!, Type, """{"adres":{"huisnummer":1,"huisletter":"A"}}""").Errors);
    }

    [Fact]
    public void Codes_are_read_from_escaped_text_and_a_wrong_code_is_quoted_in_the_violation()
    {
        var (_, _, assembly) = Generate();
        var (value, errors) = Read(assembly!, "Regio.Opvang.Opvanglocatie", Valid.Replace("\"OPEN\"", "\"\\u004FPEN\"", StringComparison.Ordinal));
        Assert.Empty(errors);
        Assert.Contains("\"status\":\"OPEN\"", Write(value!), StringComparison.Ordinal);

        var wrong = Assert.Single(Read(assembly!, "Regio.Opvang.Opvanglocatie", Valid.Replace("\"OPEN\"", "\"OP\\u0045\"", StringComparison.Ordinal)).Errors);
        Assert.Equal(("/status", "enum"), (wrong.InstanceLocation, wrong.Keyword));
        Assert.StartsWith("'OPE' ", wrong.Message, StringComparison.Ordinal);

        var codes = assembly!.GetType("Regio.Opvang.StatusCodes", throwOnError: true)!;
        var fromString = codes.GetMethod("TryParse", [typeof(string), assembly.GetType("Regio.Opvang.Status")!.MakeByRefType()])!;
        Assert.False((bool)fromString.Invoke(null, [null, null])!);
        var arguments = new object?[] { "OPEN", null };
        Assert.True((bool)fromString.Invoke(null, arguments)!);
        Assert.Equal("Open", arguments[1]!.ToString());
    }

    [Theory]
    [InlineData("2026-11-20T22:00:00+01:00", "2026-11-20T21:00:00.0000000+00:00", 60)]
    [InlineData("2026-11-20t22:00:00.123456789z", "2026-11-20T22:00:00.1234568+00:00", 0)]
    [InlineData("2026-11-20T22:00:00+20:00", "2026-11-20T02:00:00.0000000+00:00", 0)]
    public void Timestamps_keep_their_moment_in_every_rfc3339_shape(string text, string utc, int offsetMinutes)
    {
        var (_, _, assembly) = Generate();
        var (value, errors) = Read(assembly!, "Regio.Opvang.Opvanglocatie", Valid.Replace("2026-11-20T22:00:00+01:00", text, StringComparison.Ordinal));
        Assert.Empty(errors);
        var moment = (DateTimeOffset)value!.GetType().GetProperty("Geopend")!.GetValue(value)!;
        Assert.Equal(utc, moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(offsetMinutes, (int)moment.Offset.TotalMinutes);
    }

    [Fact]
    public void A_valid_timestamp_that_DateTimeOffset_cannot_hold_is_a_violation_not_an_exception()
    {
        var (_, _, assembly) = Generate();
        var (value, errors) = Read(assembly!, "Regio.Opvang.Opvanglocatie", Valid.Replace("2026-11-20T22:00:00+01:00", "0001-01-01T00:00:00+23:00", StringComparison.Ordinal));
        Assert.NotNull(value);
        var violation = Assert.Single(errors);
        Assert.Equal(("/geopend", "format"), (violation.InstanceLocation, violation.Keyword));
        Assert.Contains("cannot hold", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locations_of_nested_values_stay_right_across_reads_of_different_shapes()
    {
        var schema = """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Rooster", "type": "object",
              "properties": {
                "ploegen": { "type": "array", "items": { "type": "object", "properties": {
                  "diensten": { "type": "array", "items": { "type": "object", "properties": { "rol": { "type": "string", "minLength": 2 } } } } } } } } }
            """;
        var (run, compile, assembly) = Harness.Generate([new Harness.InMemoryText("/p/rooster.schema.json", schema)], "Regio.Rooster");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));

        string Ploeg(int wrong) => "{\"diensten\":[" + string.Join(",", Enumerable.Range(0, 20).Select(i => i == wrong ? "{\"rol\":\"X\"}" : "{\"rol\":\"OL\"}")) + "]}";
        for (var round = 0; round < 3; round++)
        {
            // Alternate the place of the broken value, so no location can come from an earlier read.
            foreach (var (ploeg, dienst) in new[] { (0, 17), (2, 3), (1, 19), (0, 0) })
            {
                var json = "{\"ploegen\":[" + string.Join(",", Enumerable.Range(0, 3).Select(p => Ploeg(p == ploeg ? dienst : -1))) + "]}";
                var violation = Assert.Single(Read(assembly!, "Regio.Rooster.Rooster", json).Errors);
                Assert.Equal(($"/ploegen/{ploeg}/diensten/{dienst}/rol", "minLength"), (violation.InstanceLocation, violation.Keyword));
            }
        }
    }

    [Theory]
    [InlineData("""{"soort":"brand"}""", "|required")]
    [InlineData("""{"soort":"brand","omvang":5}""", "")]
    [InlineData("""{"soort":"water"}""", "|required")]
    [InlineData("""{"soort":"water","boot":"RIB","omvang":5}""", "/omvang|maximum")]
    [InlineData("""{"boot":"RIB"}""", "|not")]
    [InlineData("""{"soort":"hulp","omvang":4}""", "/omvang|maximum")]
    [InlineData("""{"soort":"brand","omvang":2,"boot":"RIB"}""", "|not")]
    [InlineData("""{"soort":"bos","boot":"RIB"}""", "/soort|enum;|not")]
    [InlineData("""{"soort":7,"boot":"RIB"}""", "/soort|enum;|not")]
    public void Conditionals_on_a_shared_discriminator_apply_exactly_the_branches_the_engine_applies(string json, string expected)
    {
        var schema = """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Inzet", "type": "object",
              "properties": { "soort": { "enum": ["brand", "water", "hulp"] }, "omvang": { "type": "integer" }, "boot": { "type": "string" } },
              "allOf": [
                { "if": { "properties": { "soort": { "const": "brand" } }, "required": ["soort"] }, "then": { "required": ["omvang"] } },
                { "if": { "properties": { "soort": { "const": "water" } }, "required": ["soort"] }, "then": { "required": ["boot"] },
                  "else": { "not": { "required": ["boot"] } } },
                { "if": { "properties": { "soort": { "enum": ["hulp", "water"] } } }, "then": { "properties": { "omvang": { "maximum": 3 } } } }
              ] }
            """;
        var (run, compile, assembly) = Harness.Generate([new Harness.InMemoryText("/p/inzet.schema.json", schema)], "Regio.Inzet");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));

        // The discriminator is looked up once for the three conditionals.
        var source = string.Join("\n", run.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(source, "TryGetProperty\\(\"soort\"u8, out shared"));

        static string Describe(IEnumerable<(string Location, string Keyword)> errors) =>
            string.Join(";", errors.Select(e => $"{e.Location}|{e.Keyword}").Order(StringComparer.Ordinal));

        var generated = Describe(Read(assembly!, "Regio.Inzet.Inzet", json).Errors.Select(e => (e.InstanceLocation, e.Keyword)));
        Assert.Equal(expected, generated);
        var engine = Vr.Standaarden.Schema.JsonSchema.FromText(schema).Evaluate(Encoding.UTF8.GetBytes(json));
        Assert.Equal(expected, Describe(engine.MostSpecificErrors.Select(e => (e.InstanceLocation, e.Keyword))));
    }

    [Theory]
    [InlineData("""{"plek":{"type":"Point","coordinates":[81390.2,455480.7]}}""", "", "Point")]
    [InlineData("""{"plek":{"coordinates":[[1,2],[3,4]],"type":"LineString"}}""", "", "LineString")]
    [InlineData("""{"plek":{"type":"LineString","coordinates":[[1,2]]}}""", "/plek/coordinates|minItems", "")]
    [InlineData("""{"plek":{"type":"Point","coordinates":[1,"x"],"z":1}}""", "/plek/coordinates/1|type;/plek/z|additionalProperties", "")]
    [InlineData("""{"plek":{"type":"Cirkel","coordinates":[1,2]}}""", "/plek/type|enum", "")]
    [InlineData("""{"plek":[1,2]}""", "/plek|type", "")]
    public void Geometries_are_checked_from_the_reader_or_on_a_snapshot_with_the_same_result(string json, string expected, string geometryType)
    {
        static string Schema(string extra) => """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Inzetplek", "type": "object",
              "properties": { "plek": { "$ref": "#/$defs/geometrie" } },
              "$defs": {
                "positie": { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 3 },
                "geometrie": { "type": "object", "required": ["type", "coordinates"], "additionalProperties": false, EXTRA
                  "properties": { "type": { "enum": ["Point", "LineString"] }, "coordinates": { "type": "array" } },
                  "allOf": [
                    { "if": { "properties": { "type": { "const": "Point" } } }, "then": { "properties": { "coordinates": { "$ref": "#/$defs/positie" } } } },
                    { "if": { "properties": { "type": { "const": "LineString" } } },
                      "then": { "properties": { "coordinates": { "items": { "$ref": "#/$defs/positie" }, "minItems": 2 } } } } ] } } }
            """.Replace("EXTRA", extra, StringComparison.Ordinal);

        // propertyNames is not streamed: that geometry is checked on a snapshot by its element validator.
        var results = new List<(string Errors, string Geometry, string Source)>();
        foreach (var extra in new[] { "", "\"propertyNames\": { \"minLength\": 1 }," })
        {
            var (run, compile, assembly) = Harness.Generate([new Harness.InMemoryText("/p/inzetplek.schema.json", Schema(extra))], "Regio.Plek");
            Assert.Empty(run.Diagnostics);
            Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));
            var (value, errors) = Read(assembly!, "Regio.Plek.Inzetplek", json);
            var geometry = value!.GetType().GetProperty("Plek")!.GetValue(value) as NetTopologySuite.Geometries.Geometry;
            var source = string.Join("\n", run.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
            results.Add((string.Join(";", errors.Select(e => $"{e.InstanceLocation}|{e.Keyword}").Order(StringComparer.Ordinal)), geometry?.GeometryType ?? "", source));
        }

        Assert.All(results, r => Assert.Equal((expected, geometryType), (r.Errors, r.Geometry)));
        Assert.DoesNotContain("JsonDocument.ParseValue", results[0].Source, StringComparison.Ordinal);
        Assert.Contains("JsonDocument.ParseValue", results[1].Source, StringComparison.Ordinal);
    }
}
