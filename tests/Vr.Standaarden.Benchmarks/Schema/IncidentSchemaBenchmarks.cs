using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Benchmarks.Schema;

/// <summary>
/// Evaluating a cached schema of an incident-like message from UTF-8 bytes, read as ratios against parsing the same
/// bytes with <see cref="JsonDocument"/> alone (the floor), with NJsonSchema and JsonSchema.Net 8 as peers.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IncidentSchemaBenchmarks
{
    // Draft-07, so that both engines read the same keywords.
    private const string SchemaText = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["id", "bron", "tijdstip", "classificatie", "locatie", "prioriteit"],
          "additionalProperties": false,
          "properties": {
            "id": { "type": "string", "format": "uuid" },
            "bron": { "type": "string", "pattern": "^urn:nld:oin:[0-9]{20}$" },
            "tijdstip": { "type": "string", "format": "date-time" },
            "classificatie": { "$ref": "#/definitions/classificatie" },
            "prioriteit": { "type": "object", "additionalProperties": { "enum": ["A1", "A2", "B", "C"] } },
            "grip": { "enum": ["GRIP0", "GRIP1", "GRIP2", "GRIP3", "GRIP4", "GRIP5"] },
            "locatie": { "$ref": "#/definitions/locatie" },
            "eenheden": { "type": "array", "maxItems": 100, "items": { "$ref": "#/definitions/eenheid" } },
            "opmerking": { "type": "string", "maxLength": 2000 }
          },
          "definitions": {
            "classificatie": {
              "type": "object",
              "required": ["mc1"],
              "properties": {
                "mc1": { "type": "string", "minLength": 1, "maxLength": 40 },
                "mc2": { "type": "string", "maxLength": 40 },
                "mc3": { "type": "string", "maxLength": 40 }
              }
            },
            "locatie": {
              "type": "object",
              "required": ["x", "y"],
              "properties": {
                "x": { "type": "number", "minimum": -7000, "maximum": 300000 },
                "y": { "type": "number", "minimum": 289000, "maximum": 629000 },
                "nummeraanduiding": { "type": "string", "pattern": "^[0-9]{16}$" },
                "gemeente": { "type": "string", "pattern": "^GM[0-9]{4}$" }
              }
            },
            "eenheid": {
              "type": "object",
              "required": ["roepnummer", "discipline"],
              "properties": {
                "roepnummer": { "type": "string", "pattern": "^[0-9]{2}-[0-9]{4}$" },
                "discipline": { "enum": ["brandweer", "ambulance", "politie", "gemeente"] },
                "status": { "type": "integer", "minimum": 0, "maximum": 9 }
              }
            }
          }
        }
        """;

    private const string ValidText = """
        {
          "id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
          "bron": "urn:nld:oin:00000001003214345000",
          "tijdstip": "2026-11-23T14:05:00+01:00",
          "classificatie": { "mc1": "Brand", "mc2": "Gebouw", "mc3": "Woning" },
          "prioriteit": { "brandweer": "A1", "ambulance": "A2" },
          "grip": "GRIP1",
          "locatie": { "x": 121687.5, "y": 487484.25, "nummeraanduiding": "0363200000218908", "gemeente": "GM0363" },
          "eenheden": [
            { "roepnummer": "13-4531", "discipline": "brandweer", "status": 2 },
            { "roepnummer": "13-4532", "discipline": "brandweer", "status": 3 },
            { "roepnummer": "13-1701", "discipline": "ambulance", "status": 1 }
          ],
          "opmerking": "Rookontwikkeling op tweede verdieping."
        }
        """;

    private const string InvalidText = """
        {
          "id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
          "bron": "urn:nld:oin:123",
          "tijdstip": "2026-11-23T14:05:00+01:00",
          "classificatie": { "mc1": "" },
          "prioriteit": { "brandweer": "A9" },
          "grip": "GRIP7",
          "locatie": { "x": 121687.5, "y": 1.5 },
          "eenheden": [ { "roepnummer": "13-45", "discipline": "brandweer", "status": 12 } ]
        }
        """;

    private byte[] _valid = [];
    private byte[] _invalid = [];
    private Vr.Standaarden.Schema.JsonSchema _schema = null!;
    private NJsonSchema.JsonSchema _peer = null!;
    private Json.Schema.JsonSchema _second = null!;
    private Json.Schema.EvaluationOptions _flag = null!;
    private Json.Schema.EvaluationOptions _list = null!;

    [GlobalSetup]
    public void Setup()
    {
        _valid = Encoding.UTF8.GetBytes(ValidText);
        _invalid = Encoding.UTF8.GetBytes(InvalidText);
        _schema = Vr.Standaarden.Schema.JsonSchema.FromText(SchemaText, new JsonSchemaOptions { AssertFormat = true });
        _peer = NJsonSchema.JsonSchema.FromJsonAsync(SchemaText).GetAwaiter().GetResult();

        _second = Json.Schema.JsonSchema.FromText(SchemaText, new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() });
        _flag = new Json.Schema.EvaluationOptions { RequireFormatValidation = true, OutputFormat = Json.Schema.OutputFormat.Flag };
        _list = new Json.Schema.EvaluationOptions { RequireFormatValidation = true, OutputFormat = Json.Schema.OutputFormat.List };

        // The engines must agree, or the comparison means nothing.
        if (!_schema.Evaluate(_valid).IsValid || _peer.Validate(ValidText).Count != 0 || !SecondValid() ||
            _schema.Evaluate(_invalid).IsValid || _peer.Validate(InvalidText).Count == 0 || SecondInvalid())
        {
            throw new InvalidOperationException("The engines disagree on the benchmark instances.");
        }
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse (floor), valid")]
    [BenchmarkCategory("valid")]
    public int ParseOnlyValid()
    {
        using var document = JsonDocument.Parse(_valid);
        return (int)document.RootElement.ValueKind;
    }

    [Benchmark(Description = "Vr.Standaarden.Schema, valid, flag")]
    [BenchmarkCategory("valid")]
    public bool OursValid() => _schema.Evaluate(_valid, OutputFormat.Flag).IsValid;

    [Benchmark(Description = "Vr.Standaarden.Schema, valid, list")]
    [BenchmarkCategory("valid")]
    public bool OursValidList() => _schema.Evaluate(_valid, OutputFormat.List).IsValid;

    [Benchmark(Description = "NJsonSchema, valid")]
    [BenchmarkCategory("valid")]
    public int PeerValid() => _peer.Validate(Encoding.UTF8.GetString(_valid)).Count;

    [Benchmark(Description = "JsonSchema.Net 8, valid, flag")]
    [BenchmarkCategory("valid")]
    public bool SecondValid()
    {
        using var document = JsonDocument.Parse(_valid);
        return _second.Evaluate(document.RootElement, _flag).IsValid;
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse (floor), invalid")]
    [BenchmarkCategory("invalid")]
    public int ParseOnlyInvalid()
    {
        using var document = JsonDocument.Parse(_invalid);
        return (int)document.RootElement.ValueKind;
    }

    [Benchmark(Description = "Vr.Standaarden.Schema, invalid, flag")]
    [BenchmarkCategory("invalid")]
    public bool OursInvalid() => _schema.Evaluate(_invalid, OutputFormat.Flag).IsValid;

    [Benchmark(Description = "Vr.Standaarden.Schema, invalid, list (all errors located)")]
    [BenchmarkCategory("invalid")]
    public int OursInvalidList() => _schema.Evaluate(_invalid, OutputFormat.List).Errors.Count;

    [Benchmark(Description = "NJsonSchema, invalid")]
    [BenchmarkCategory("invalid")]
    public int PeerInvalid() => _peer.Validate(Encoding.UTF8.GetString(_invalid)).Count;

    [Benchmark(Description = "JsonSchema.Net 8, invalid, flag")]
    [BenchmarkCategory("invalid")]
    public bool SecondInvalid()
    {
        using var document = JsonDocument.Parse(_invalid);
        return _second.Evaluate(document.RootElement, _flag).IsValid;
    }

    [Benchmark(Description = "JsonSchema.Net 8, invalid, list")]
    [BenchmarkCategory("invalid")]
    public int SecondInvalidList()
    {
        using var document = JsonDocument.Parse(_invalid);
        return _second.Evaluate(document.RootElement, _list).Details?.Count ?? 0;
    }
}
