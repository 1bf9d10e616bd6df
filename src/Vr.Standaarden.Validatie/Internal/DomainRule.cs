using System.Text.Json;
using Vr.Standaarden.Validatie.Rules;

namespace Vr.Standaarden.Validatie.Internal;

/// <summary>A domain rule: what it is (<see cref="Info"/>) and how it looks at a message.</summary>
internal abstract class DomainRule(RuleInfo info)
{
    public RuleInfo Info { get; } = info;

    /// <summary>The rule's place in <see cref="DomainRules.Instances"/>: its findings come after those of the rules before it.</summary>
    public int Index { get; set; }

    /// <summary>Looks at the message as a whole.</summary>
    public abstract void Evaluate(RuleContext context);
}

/// <summary>
/// A rule that looks at the objects of the data one at a time. The validator walks the data once
/// (<see cref="RuleContext.Walk"/>) and shows each object, in document order, to every such rule.
/// </summary>
internal abstract class ObjectRule(RuleInfo info) : DomainRule(info)
{
    /// <inheritdoc/>
    public sealed override void Evaluate(RuleContext context)
    {
    }

    /// <summary>Looks at one object of the data, at <paramref name="pointer"/>.</summary>
    public abstract void Visit(RuleContext context, JsonElement node, LazyPointer pointer);
}

/// <summary>
/// A rule that looks at the values of one kind of field the schemas mark (<see cref="SchemaIndex"/>: <c>def</c>,
/// <c>codelijst</c>, <c>verwijstNaar</c>). The validator walks the fields of each kind once
/// (<see cref="RuleContext.WalkFields"/>) and shows each value, in document order, to every rule of that kind; what a rule
/// checks of the message as a whole it does in <see cref="DomainRule.Evaluate"/>, which runs before.
/// </summary>
internal abstract class FieldRule(RuleInfo info) : DomainRule(info)
{
    /// <summary>The kind of field the rule looks at.</summary>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public override void Evaluate(RuleContext context)
    {
    }

    /// <summary>Looks at one value of a field of <see cref="Kind"/>, the field named <paramref name="name"/>.</summary>
    public abstract void Visit(RuleContext context, JsonElement value, LazyPointer pointer, string name);
}

/// <summary>
/// A rule that looks at the positions of the data one at a time (<see cref="Positions"/>), each with its check against the
/// area of the Netherlands made once for all such rules.
/// </summary>
internal abstract class PositionRule(RuleInfo info) : DomainRule(info)
{
    /// <inheritdoc/>
    public sealed override void Evaluate(RuleContext context)
    {
    }

    /// <summary>Looks at one position of the data.</summary>
    public abstract void Visit(RuleContext context, in Position position);
}
