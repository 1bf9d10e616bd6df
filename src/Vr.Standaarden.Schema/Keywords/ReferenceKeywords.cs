using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>Shared evaluation of a reference target, with the guard against cycles that make no progress.</summary>
internal abstract class ReferenceKeyword(string name, string reference) : Keyword(name)
{
    public string Reference { get; } = reference;

    protected bool EvaluateTarget(SchemaNode target, JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (!state.EnterReference(target))
        {
            return Fail(state, !state.Detailed ? null : SchemaMessages.ReferenceCycle(Reference));
        }

        var ok = target.Evaluate(instance, state, annotations);
        state.LeaveReference();
        return ok || Fail(state, !state.Detailed ? null : SchemaMessages.Reference(Reference));
    }
}

internal sealed class RefKeyword(string reference) : ReferenceKeyword("$ref", reference)
{
    public SchemaNode? Target { get; set; }

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations) =>
        EvaluateTarget(Target!, instance, state, annotations);
}

/// <summary>2020-12 <c>$dynamicRef</c>.</summary>
internal sealed class DynamicRefKeyword(string reference, string? anchor) : ReferenceKeyword("$dynamicRef", reference)
{
    public SchemaNode? Target { get; set; }

    /// <summary>Set when the statically resolved target declares the same <c>$dynamicAnchor</c>, which makes the reference dynamic.</summary>
    public bool IsDynamic { get; set; }

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var target = Target!;
        if (IsDynamic)
        {
            var scope = state.DynamicScope;
            for (var i = 0; i < scope.Count; i++)
            {
                if (scope[i].DynamicAnchors.TryGetValue(anchor!, out var outermost))
                {
                    target = outermost;
                    break;
                }
            }
        }

        return EvaluateTarget(target, instance, state, annotations);
    }
}

/// <summary>2019-09 <c>$recursiveRef</c>.</summary>
internal sealed class RecursiveRefKeyword(string reference) : ReferenceKeyword("$recursiveRef", reference)
{
    public SchemaNode? Target { get; set; }

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var target = Target!;
        if (target.Resource.RecursiveAnchor)
        {
            var scope = state.DynamicScope;
            for (var i = 0; i < scope.Count; i++)
            {
                if (scope[i].RecursiveAnchor && scope[i].Root is { } root)
                {
                    target = root;
                    break;
                }
            }
        }

        return EvaluateTarget(target, instance, state, annotations);
    }
}
