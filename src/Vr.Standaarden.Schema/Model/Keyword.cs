using System;

namespace Vr.Standaarden.Schema.Model;

/// <summary>
/// The vocabulary a keyword belongs to: the seven of JSON Schema 2020-12 (draft-07 keywords are filed under the
/// vocabulary that took them over, or <see cref="Legacy"/>), and the standard's own annotation keywords.
/// </summary>
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
enum Vocabulary
{
    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/core</c>.</summary>
    Core,

    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/applicator</c>.</summary>
    Applicator,

    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/unevaluated</c>.</summary>
    Unevaluated,

    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/validation</c>.</summary>
    Validation,

    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/meta-data</c>.</summary>
    MetaData,

    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/format-annotation</c> (or <c>format-assertion</c> where a dialect asserts formats).</summary>
    Format,

    /// <summary><c>https://json-schema.org/draft/2020-12/vocab/content</c>.</summary>
    Content,

    /// <summary>A keyword of draft-07 or 2019-09 that 2020-12 dropped or replaced (<c>definitions</c>, <c>dependencies</c>, <c>additionalItems</c>, <c>$recursiveRef</c>, …).</summary>
    Legacy,

    /// <summary>An annotation keyword of the standard itself (<c>titleEn</c>, <c>persoonsgegeven</c>, <c>verwijstNaar</c>, …), described in <c>spec/README.md</c>.</summary>
    Standard,
}

/// <summary>
/// What one keyword is: its name, vocabulary, the shape of its value, whether it asserts or annotates, and where its
/// subschemas sit. The one description every part of the codebase reads — the engine when it scans a schema, the
/// generator when it checks and compiles one, the differ when it compares two releases — so that a keyword is known
/// in one place. Instances are the static members of <see cref="KeywordCatalog"/>.
/// </summary>
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
sealed class Keyword
{
    internal Keyword(string name, Vocabulary vocabulary, KeywordKind kind, KeywordValue value, SchemaDrafts drafts)
    {
        Name = name;
        Vocabulary = vocabulary;
        Kind = kind;
        Value = value;
        Drafts = drafts;
        Subschemas = value switch
        {
            KeywordValue.Schema => SubschemaPlacement.Value,
            KeywordValue.SchemaArray => SubschemaPlacement.Items,
            KeywordValue.SchemaMap or KeywordValue.SchemaOrNamesMap => SubschemaPlacement.Members,
            KeywordValue.SchemaOrSchemaArray => SubschemaPlacement.Value | SubschemaPlacement.Items,
            _ => SubschemaPlacement.None,
        };
    }

    /// <summary>The member name in a schema object, for example <c>minLength</c>.</summary>
    public string Name { get; }

    /// <summary>The vocabulary that defines the keyword.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Whether the keyword asserts, applies subschemas, annotates or is core structure.</summary>
    public KeywordKind Kind { get; }

    /// <summary>The shape its value must have.</summary>
    public KeywordValue Value { get; }

    /// <summary>Where its subschemas sit in its value; <see cref="SubschemaPlacement.None"/> for a keyword without.</summary>
    public SubschemaPlacement Subschemas { get; }

    /// <summary>The drafts that define it; <see cref="SchemaDrafts.None"/> for the standard's own keywords.</summary>
    public SchemaDrafts Drafts { get; }

    /// <summary>
    /// Where its subschemas sit under one draft: as <see cref="Subschemas"/>, except that 2020-12 took the array form
    /// of <c>items</c> away (that is <c>prefixItems</c> now).
    /// </summary>
    /// <param name="draft">One draft.</param>
    public SubschemaPlacement SubschemasIn(SchemaDrafts draft) =>
        Value == KeywordValue.SchemaOrSchemaArray && draft == SchemaDrafts.Draft202012 ? SubschemaPlacement.Value : Subschemas;

    /// <summary>Whether the value holds subschemas in some shape.</summary>
    public bool HoldsSubschemas => Subschemas != SubschemaPlacement.None;

    /// <summary>
    /// Whether the keyword never changes which instances are valid: an annotation, or core structure that neither
    /// references nor declares a schema (<c>$comment</c>, <c>$schema</c>, <c>$vocabulary</c>). The keywords a
    /// compiler may skip and a differ may call documentation.
    /// </summary>
    public bool IsDocumentation => Kind == KeywordKind.Annotation || (Kind == KeywordKind.Core && !HoldsSubschemas && !IsReference && !IsIdentifier);

    /// <summary>Whether the keyword refers to another schema by URI (<c>$ref</c>, <c>$dynamicRef</c>, <c>$recursiveRef</c>).</summary>
    public bool IsReference => Value == KeywordValue.UriReference && Kind == KeywordKind.Core && Name != "$id" && Name != "$schema";

    /// <summary>Whether the keyword names the schema it is in (<c>$id</c>, <c>$anchor</c>, <c>$dynamicAnchor</c>, <c>$recursiveAnchor</c>).</summary>
    public bool IsIdentifier => Name == "$id" || Value == KeywordValue.AnchorName || Name == "$recursiveAnchor";

    /// <summary>Whether <paramref name="draft"/> defines the keyword.</summary>
    /// <param name="draft">One draft, or several: true when any of them defines it.</param>
    public bool IsIn(SchemaDrafts draft) => (Drafts & draft) != 0;

    /// <summary>
    /// Where subschemas sit in a value of this keyword with the given JSON shape: the value itself (<c>Value</c>), each
    /// item (<c>Items</c>) or each member value that is an object or a boolean (<c>Members</c>), or nowhere.
    /// </summary>
    /// <param name="valueIsArray">Whether the value is a JSON array.</param>
    /// <param name="valueIsObject">Whether the value is a JSON object.</param>
    /// <param name="valueIsBoolean">Whether the value is <c>true</c> or <c>false</c>.</param>
    public SubschemaPlacement PlacementFor(bool valueIsArray, bool valueIsObject, bool valueIsBoolean)
    {
        if (valueIsArray)
        {
            return Subschemas & SubschemaPlacement.Items;
        }

        if ((Subschemas & SubschemaPlacement.Members) != 0 && valueIsObject)
        {
            return SubschemaPlacement.Members;
        }

        return (valueIsObject || valueIsBoolean) ? Subschemas & SubschemaPlacement.Value : SubschemaPlacement.None;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
