// A program that only has the Vr.Standaarden packages from a NuGet feed.
using Vr.Standaarden.Schema;

var schema = JsonSchema.FromText("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }""");
var valid = schema.Evaluate("""{ "id": "a" }"""u8);
var invalid = schema.Evaluate("""{ "naam": "b" }"""u8);
if (!valid.IsValid || invalid.IsValid || invalid.Errors.Count == 0)
{
    System.Console.Error.WriteLine("consumer: the packed schema engine gave a wrong verdict");
    return 1;
}

System.Console.WriteLine($"consumer: packed Vr.Standaarden.Schema works ({invalid.Errors[0].Message})");
return 0;
