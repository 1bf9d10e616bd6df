// A program that only has the Vr.Standaarden packages from a NuGet feed, with reflection-based serialization off.
using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Validatie;

var schema = JsonSchema.FromText("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } }, "propertyNames": { "maxLength": 10 } }""");
var valid = schema.Evaluate("""{ "id": "a" }"""u8);
var invalid = schema.Evaluate("""{ "naam": "b" }"""u8);
if (!valid.IsValid || invalid.IsValid || invalid.Errors.Count == 0)
{
    System.Console.Error.WriteLine("consumer: the packed schema engine gave a wrong verdict");
    return 1;
}

// A message with a geometry, read, written and validated; a geometry through GeoJson.
var bytes = System.IO.File.ReadAllBytes(args[0]);
var message = Messages.Read(bytes, out var errors);
var incident = Messages.ReadData<Incident>(message!, out var dataErrors);
var written = incident!.ToUtf8Json();
var result = new MessageValidator().Validate(bytes);
var point = GeoJson.Write(GeoJson.Read("""{ "type": "Point", "coordinates": [4.3, 52.08] }"""));
if (errors.Count != 0 || dataErrors.Count != 0 || written.Length == 0 || !result.IsValid || !point.Contains("Point", System.StringComparison.Ordinal))
{
    System.Console.Error.WriteLine("consumer: the packed model, validator or GeoJSON failed");
    return 1;
}

System.Console.WriteLine($"consumer: packed packages work without reflection-based serialization ({invalid.Errors[0].Message})");
return 0;
