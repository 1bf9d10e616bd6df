namespace Vr.Standaarden.Schema;

/// <summary>
/// A schema that cannot be built: text that is not JSON, a keyword with a value of the wrong kind, a schema that
/// fails its meta-schema, or a schema nested deeper than the configured limit.
/// </summary>
public sealed class InvalidSchemaException : JsonSchemaException
{
    /// <summary>Creates the exception.</summary>
    public InvalidSchemaException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidSchemaException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public InvalidSchemaException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>When the schema failed its meta-schema: the errors of that check, each located in the schema.</summary>
    public IReadOnlyList<OutputUnit> MetaSchemaErrors { get; init; } = [];
}
