namespace Vr.Standaarden.Schema;

/// <summary>An instance document that cannot be evaluated: not JSON, larger than allowed, or nested too deeply.</summary>
public sealed class InvalidInstanceException : JsonSchemaException
{
    /// <summary>Creates the exception.</summary>
    public InvalidInstanceException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidInstanceException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public InvalidInstanceException(string message, Exception innerException) : base(message, innerException) { }
}
