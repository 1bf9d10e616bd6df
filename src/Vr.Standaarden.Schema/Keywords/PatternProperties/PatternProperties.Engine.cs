using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>patternProperties</c>: each member whose name matches a pattern gets that pattern's schema.</summary>
internal sealed class PatternPropertiesKeyword((EcmaRegex Regex, SchemaNode Schema)[] patterns) : Keyword(Catalog.PatternProperties.Name)
{
    /// <summary>Adds the schema object's <c>patternProperties</c>, an object of schemas keyed by pattern, and returns it (or null).</summary>
    public static PatternPropertiesKeyword? Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (!at.Element.TryGetProperty(Catalog.PatternProperties.Name, out var patterns))
        {
            return null;
        }

        if (patterns.ValueKind != JsonValueKind.Object)
        {
            throw SchemaBuilder.Invalid(at, Catalog.PatternProperties.Name, "'patternProperties' must be an object.");
        }

        var list = new List<(EcmaRegex, SchemaNode)>();
        foreach (var member in patterns.EnumerateObject())
        {
            list.Add((builder.CreateRegex(at, Catalog.PatternProperties.Name + "/" + JsonPointer.Escape(member.Name), member.Name),
                builder.Child(at, Catalog.PatternProperties.Name, member.Value, member.Name)));
        }

        var keyword = new PatternPropertiesKeyword([.. list]);
        add(keyword);
        return keyword;
    }

    /// <summary>Its compiled patterns (which <c>additionalProperties</c> leaves alone).</summary>
    public IEnumerable<EcmaRegex> Patterns => patterns.Select(p => p.Regex);

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[PropertyName.BufferLength];
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var name = PropertyName.Get(property, buffer);
            foreach (var (regex, schema) in patterns)
            {
                if (!regex.IsMatch(name, out var timedOut))
                {
                    if (timedOut)
                    {
                        valid = Fail(state, !state.Detailed ? null : SchemaMessages.PatternTimeout(SchemaMessages.Show(property.Name), regex.Pattern));
                    }

                    continue;
                }

                annotations?.AddProperty(property.Name);
                state.PushKeyword(JsonPointer.Escape(regex.Pattern));
                state.PushInstance(property.Name);
                var ok = schema.Evaluate(property.Value, state, null);
                state.PopInstance();
                state.PopKeyword();
                if (!ok)
                {
                    valid = false;
                }
            }

            if (!valid && !state.Detailed)
            {
                return false;
            }
        }

        return valid || Fail(state, !state.Detailed ? null : SchemaMessages.Properties());
    }
}
