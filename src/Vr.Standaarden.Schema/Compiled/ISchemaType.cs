using System.Text.Json;

namespace Vr.Standaarden.Schema.Compiled;

/// <summary>
/// A class generated from a schema by Vr.Standaarden.Generator: it reads itself from UTF-8 JSON, checking the schema
/// while it reads, and writes itself. Lets code such as a message envelope read its data as any generated type.
/// </summary>
/// <typeparam name="TSelf">The generated class.</typeparam>
public interface ISchemaType<TSelf>
    where TSelf : ISchemaType<TSelf>
{
    /// <summary>Reads the object the reader is at (a StartObject token), adding violations to <paramref name="errors"/>.</summary>
    static abstract TSelf ReadValue(ref Utf8JsonReader reader, string location, List<SchemaViolation> errors);

    /// <summary>Writes the value as a JSON object.</summary>
    void Write(Utf8JsonWriter writer);

    /// <summary>
    /// The <c>$id</c> of the schema a root type was generated from (for a type of the standard, such as
    /// <c>https://vr-standaarden.github.io/spec/1.1/schemas/incident.schema.json</c>); <c>null</c> for other types.
    /// </summary>
    static virtual string? SchemaId => null;
}
