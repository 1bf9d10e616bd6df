namespace Vr.Standaarden.Schema;

/// <summary>Base type of the errors this package raises for a schema or document it cannot use.</summary>
public class JsonSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonSchemaException() { }

    /// <summary>Creates the exception with a message.</summary>
    public JsonSchemaException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public JsonSchemaException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The JSON Pointer of the offending location inside the document, when known.</summary>
    public string? Location { get; init; }

    /// <summary>The 1-based line of the offending text, when known.</summary>
    public long? LineNumber { get; init; }

    /// <summary>The 1-based column (in characters) of the offending text, when known.</summary>
    public long? Column { get; init; }

    /// <summary>For a document that cannot be read (encoding, syntax, size or depth): what is wrong and where, in Dutch and English.</summary>
    public Input.InputProblem? Problem { get; init; }
}
