// Built by eng/verify-packages.sh in a project that references only the packed Vr.Standaarden.Generator and adds a
// schema of its own: the generated types must exist, read valid JSON without violations, and report invalid JSON.
using System.Text;
using Regio.Opvang;
using Vr.Standaarden.Schema.Compiled;

var errors = new List<SchemaViolation>();
var valid = """{"id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","naam":"Sporthal","status":"OPEN","geopend":"2026-11-20T22:00:00Z","capaciteit":10}""";
var shelter = Opvanglocatie.Read(Encoding.UTF8.GetBytes(valid), errors);
if (shelter is null || errors.Count != 0 || shelter.Status != Status.Open || shelter.Capaciteit != 10)
{
    Console.Error.WriteLine($"consumer-generator: the valid document was not read as expected: {string.Join("; ", errors)}");
    return 1;
}

Opvanglocatie.Read(Encoding.UTF8.GetBytes(valid.Replace("\"OPEN\"", "\"DICHT\"", StringComparison.Ordinal)), errors);
if (!errors.Exists(e => e.InstanceLocation == "/status" && e.Keyword == "enum"))
{
    Console.Error.WriteLine("consumer-generator: an invalid status was not reported at /status");
    return 1;
}

Console.WriteLine($"consumer-generator: generated Opvanglocatie reads, writes ({shelter.ToUtf8Json().Length} bytes) and validates");
return 0;
