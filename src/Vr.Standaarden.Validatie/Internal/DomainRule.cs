namespace Vr.Standaarden.Validatie.Internal;

/// <summary>A domain rule: what it is (<see cref="Info"/>) and how it looks at a message.</summary>
internal abstract class DomainRule(RuleInfo info)
{
    public RuleInfo Info { get; } = info;

    public abstract void Evaluate(RuleContext context);
}
