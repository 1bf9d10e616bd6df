using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>Shared evaluation of a reference target, with the guard against cycles that make no progress.</summary>
internal abstract class ReferenceKeyword(string name, string reference) : Keyword(name)
{
    /// <summary>The reference as written.</summary>
    public string Reference { get; } = reference;

    /// <summary>Evaluates <paramref name="target"/>, or fails when the reference loops without consuming the instance.</summary>
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
