namespace Vr.Standaarden.Validatie;

/// <summary>How much a finding weighs.</summary>
public enum Severity
{
    /// <summary>The message breaks the standard; it is invalid.</summary>
    Error,

    /// <summary>The message is valid but probably wrong, or uses something that is being phased out.</summary>
    Warning,

    /// <summary>Worth knowing, for example that a code comes from an unverified source.</summary>
    Information,
}
