using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>multipleOf</c>: a number divided by the divisor leaves no remainder (exactly, where both fit a decimal).</summary>
internal sealed class MultipleOfKeyword(JsonNumber divisor) : Keyword(Catalog.MultipleOf.Name)
{
    /// <summary>Adds the schema object's <c>multipleOf</c>: a number greater than 0.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.MultipleOf.Name, out var value))
        {
            var divisor = SchemaBuilder.RequireNumber(at, Catalog.MultipleOf.Name, value);
            if (divisor.Double <= 0)
            {
                throw SchemaBuilder.Invalid(at, Catalog.MultipleOf.Name, "'multipleOf' must be greater than 0.");
            }

            add(new MultipleOfKeyword(divisor));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var ok = IsMultipleOf(instance, divisor);
        return ok || Fail(state, !state.Detailed ? null : SchemaMessages.MultipleOf(instance.GetRawText(), divisor.ToString()));
    }

    /// <summary>Exact decimal arithmetic where both numbers fit a decimal, else a tolerant double check.</summary>
    internal static bool IsMultipleOf(JsonElement instance, JsonNumber divisor)
    {
        if (divisor.HasDecimal && instance.TryGetDecimal(out var value))
        {
            try
            {
                return value % divisor.Decimal == 0;
            }
            catch (OverflowException)
            {
                return IsMultiple(JsonValues.ToDouble(instance), divisor.Double);
            }
        }

        return IsMultiple(JsonValues.ToDouble(instance), divisor.Double);
    }

    private static bool IsMultiple(double value, double divisor)
    {
        var quotient = value / divisor;
        return double.IsFinite(quotient) && Math.Floor(quotient) == quotient;
    }
}
