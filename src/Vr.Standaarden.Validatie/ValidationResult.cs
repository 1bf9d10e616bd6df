namespace Vr.Standaarden.Validatie;

/// <summary>Schema errors and domain-rule findings of one message, in one list.</summary>
public sealed class ValidationResult
{
    internal ValidationResult(string? release, IReadOnlyList<Finding> findings)
    {
        Release = release;
        Findings = findings;
    }

    /// <summary>The release of the standard the message was checked against (from its <c>dataschema</c>), or <c>null</c> when it could not be told.</summary>
    public string? Release { get; }

    /// <summary>All findings: schema errors first, then rule findings in rule order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Whether there is no finding of severity <see cref="Severity.Error"/>.</summary>
    public bool IsValid => Findings.All(f => f.Severity != Severity.Error);

    /// <summary>The findings of severity <see cref="Severity.Error"/>.</summary>
    public IEnumerable<Finding> Errors => Findings.Where(f => f.Severity == Severity.Error);

    /// <summary>The findings of severity <see cref="Severity.Warning"/>.</summary>
    public IEnumerable<Finding> Warnings => Findings.Where(f => f.Severity == Severity.Warning);
}
