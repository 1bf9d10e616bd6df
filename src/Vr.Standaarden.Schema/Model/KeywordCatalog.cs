using System.Collections.Generic;

namespace Vr.Standaarden.Schema.Model;

/// <summary>
/// Every keyword the codebase knows: those of JSON Schema draft-07, 2019-09 and 2020-12, and the standard's own
/// annotation keywords. Look a member name up with <see cref="TryGet"/>; a name that is not here is no keyword (in a
/// schema it is an unknown member, kept as an annotation by 2019-09 and later).
/// </summary>
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
static class KeywordCatalog
{
    /// <summary><c>$schema</c>: the dialect (meta-schema) of a schema resource.</summary>
    public static readonly Keyword Schema = new("$schema", Vocabulary.Core, KeywordKind.Core, KeywordValue.UriReference, SchemaDrafts.All);

    /// <summary><c>$id</c>: the URI of a schema resource.</summary>
    public static readonly Keyword Id = new("$id", Vocabulary.Core, KeywordKind.Core, KeywordValue.UriReference, SchemaDrafts.All);

    /// <summary><c>$ref</c>: a static reference to another schema.</summary>
    public static readonly Keyword Ref = new("$ref", Vocabulary.Core, KeywordKind.Core, KeywordValue.UriReference, SchemaDrafts.All);

    /// <summary><c>$anchor</c>: a plain-name fragment for the schema it is in.</summary>
    public static readonly Keyword Anchor = new("$anchor", Vocabulary.Core, KeywordKind.Core, KeywordValue.AnchorName, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>$dynamicRef</c>: a reference resolved in the dynamic scope.</summary>
    public static readonly Keyword DynamicRef = new("$dynamicRef", Vocabulary.Core, KeywordKind.Core, KeywordValue.UriReference, SchemaDrafts.Draft202012);

    /// <summary><c>$dynamicAnchor</c>: an anchor a <c>$dynamicRef</c> can find in the dynamic scope.</summary>
    public static readonly Keyword DynamicAnchor = new("$dynamicAnchor", Vocabulary.Core, KeywordKind.Core, KeywordValue.AnchorName, SchemaDrafts.Draft202012);

    /// <summary><c>$recursiveRef</c>: 2019-09's recursive reference.</summary>
    public static readonly Keyword RecursiveRef = new("$recursiveRef", Vocabulary.Legacy, KeywordKind.Core, KeywordValue.UriReference, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>$recursiveAnchor</c>: 2019-09's marker for a <c>$recursiveRef</c> target.</summary>
    public static readonly Keyword RecursiveAnchor = new("$recursiveAnchor", Vocabulary.Legacy, KeywordKind.Core, KeywordValue.Boolean, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>$vocabulary</c>: the vocabularies a meta-schema requires.</summary>
    public static readonly Keyword VocabularyMap = new("$vocabulary", Vocabulary.Core, KeywordKind.Core, KeywordValue.VocabularyMap, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>$comment</c>: a comment for schema authors.</summary>
    public static readonly Keyword Comment = new("$comment", Vocabulary.Core, KeywordKind.Core, KeywordValue.Text, SchemaDrafts.All);

    /// <summary><c>$defs</c>: reusable subschemas.</summary>
    public static readonly Keyword Defs = new("$defs", Vocabulary.Core, KeywordKind.Core, KeywordValue.SchemaMap, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>definitions</c>: reusable subschemas (draft-07).</summary>
    public static readonly Keyword Definitions = new("definitions", Vocabulary.Legacy, KeywordKind.Core, KeywordValue.SchemaMap, SchemaDrafts.All);

    /// <summary><c>allOf</c>: every subschema must hold.</summary>
    public static readonly Keyword AllOf = new("allOf", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaArray, SchemaDrafts.All);

    /// <summary><c>anyOf</c>: at least one subschema must hold.</summary>
    public static readonly Keyword AnyOf = new("anyOf", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaArray, SchemaDrafts.All);

    /// <summary><c>oneOf</c>: exactly one subschema must hold.</summary>
    public static readonly Keyword OneOf = new("oneOf", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaArray, SchemaDrafts.All);

    /// <summary><c>not</c>: the subschema must not hold.</summary>
    public static readonly Keyword Not = new("not", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>if</c>: the condition of <c>then</c>/<c>else</c>.</summary>
    public static readonly Keyword If = new("if", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>then</c>: applies when <c>if</c> holds.</summary>
    public static readonly Keyword Then = new("then", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>else</c>: applies when <c>if</c> fails.</summary>
    public static readonly Keyword Else = new("else", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>dependentSchemas</c>: subschemas that apply when a property is present.</summary>
    public static readonly Keyword DependentSchemas = new("dependentSchemas", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaMap, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>dependencies</c>: draft-07's property dependencies (schemas or names).</summary>
    public static readonly Keyword Dependencies = new("dependencies", Vocabulary.Legacy, KeywordKind.Applicator, KeywordValue.SchemaOrNamesMap, SchemaDrafts.All);

    /// <summary><c>prefixItems</c>: one subschema per leading item.</summary>
    public static readonly Keyword PrefixItems = new("prefixItems", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaArray, SchemaDrafts.Draft202012);

    /// <summary><c>items</c>: the subschema of the items (2020-12: after <c>prefixItems</c>; before: one schema or one per position).</summary>
    public static readonly Keyword Items = new("items", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaOrSchemaArray, SchemaDrafts.All);

    /// <summary><c>additionalItems</c>: the items after a positional <c>items</c> (draft-07, 2019-09).</summary>
    public static readonly Keyword AdditionalItems = new("additionalItems", Vocabulary.Legacy, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.Draft7 | SchemaDrafts.Draft201909);

    /// <summary><c>contains</c>: some item must match.</summary>
    public static readonly Keyword Contains = new("contains", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>properties</c>: the subschema of each named property.</summary>
    public static readonly Keyword Properties = new("properties", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaMap, SchemaDrafts.All);

    /// <summary><c>patternProperties</c>: the subschema of properties whose name matches a pattern.</summary>
    public static readonly Keyword PatternProperties = new("patternProperties", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.SchemaMap, SchemaDrafts.All);

    /// <summary><c>additionalProperties</c>: the subschema of the other properties.</summary>
    public static readonly Keyword AdditionalProperties = new("additionalProperties", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>propertyNames</c>: the subschema every property name must match.</summary>
    public static readonly Keyword PropertyNames = new("propertyNames", Vocabulary.Applicator, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.All);

    /// <summary><c>unevaluatedItems</c>: items no other keyword evaluated.</summary>
    public static readonly Keyword UnevaluatedItems = new("unevaluatedItems", Vocabulary.Unevaluated, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>unevaluatedProperties</c>: properties no other keyword evaluated.</summary>
    public static readonly Keyword UnevaluatedProperties = new("unevaluatedProperties", Vocabulary.Unevaluated, KeywordKind.Applicator, KeywordValue.Schema, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>type</c>: the JSON types allowed.</summary>
    public static readonly Keyword Type = new("type", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.TypeNames, SchemaDrafts.All);

    /// <summary><c>const</c>: the one value allowed.</summary>
    public static readonly Keyword Const = new("const", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Any, SchemaDrafts.All);

    /// <summary><c>enum</c>: the values allowed.</summary>
    public static readonly Keyword Enum = new("enum", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.ValueArray, SchemaDrafts.All);

    /// <summary><c>multipleOf</c>: a number must be a multiple of it.</summary>
    public static readonly Keyword MultipleOf = new("multipleOf", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.PositiveNumber, SchemaDrafts.All);

    /// <summary><c>maximum</c>: the largest number allowed.</summary>
    public static readonly Keyword Maximum = new("maximum", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Number, SchemaDrafts.All);

    /// <summary><c>exclusiveMaximum</c>: numbers must be below it.</summary>
    public static readonly Keyword ExclusiveMaximum = new("exclusiveMaximum", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Number, SchemaDrafts.All);

    /// <summary><c>minimum</c>: the smallest number allowed.</summary>
    public static readonly Keyword Minimum = new("minimum", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Number, SchemaDrafts.All);

    /// <summary><c>exclusiveMinimum</c>: numbers must be above it.</summary>
    public static readonly Keyword ExclusiveMinimum = new("exclusiveMinimum", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Number, SchemaDrafts.All);

    /// <summary><c>maxLength</c>: the most characters (code points) a string may have.</summary>
    public static readonly Keyword MaxLength = new("maxLength", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.All);

    /// <summary><c>minLength</c>: the fewest characters (code points) a string may have.</summary>
    public static readonly Keyword MinLength = new("minLength", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.All);

    /// <summary><c>pattern</c>: a regular expression a string must match.</summary>
    public static readonly Keyword Pattern = new("pattern", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Pattern, SchemaDrafts.All);

    /// <summary><c>maxItems</c>: the most items an array may have.</summary>
    public static readonly Keyword MaxItems = new("maxItems", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.All);

    /// <summary><c>minItems</c>: the fewest items an array may have.</summary>
    public static readonly Keyword MinItems = new("minItems", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.All);

    /// <summary><c>uniqueItems</c>: whether items must differ.</summary>
    public static readonly Keyword UniqueItems = new("uniqueItems", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Boolean, SchemaDrafts.All);

    /// <summary><c>maxContains</c>: the most items <c>contains</c> may match.</summary>
    public static readonly Keyword MaxContains = new("maxContains", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>minContains</c>: the fewest items <c>contains</c> must match.</summary>
    public static readonly Keyword MinContains = new("minContains", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>maxProperties</c>: the most properties an object may have.</summary>
    public static readonly Keyword MaxProperties = new("maxProperties", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.All);

    /// <summary><c>minProperties</c>: the fewest properties an object may have.</summary>
    public static readonly Keyword MinProperties = new("minProperties", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NonNegativeInteger, SchemaDrafts.All);

    /// <summary><c>required</c>: properties an object must have.</summary>
    public static readonly Keyword Required = new("required", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.Names, SchemaDrafts.All);

    /// <summary><c>dependentRequired</c>: properties required when another is present.</summary>
    public static readonly Keyword DependentRequired = new("dependentRequired", Vocabulary.Validation, KeywordKind.Assertion, KeywordValue.NamesMap, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>title</c>: a short name (the standard: Dutch).</summary>
    public static readonly Keyword Title = new("title", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.All);

    /// <summary><c>description</c>: an explanation (the standard: Dutch).</summary>
    public static readonly Keyword Description = new("description", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.All);

    /// <summary><c>default</c>: a value to assume.</summary>
    public static readonly Keyword Default = new("default", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.Any, SchemaDrafts.All);

    /// <summary><c>deprecated</c>: the schema should no longer be used.</summary>
    public static readonly Keyword Deprecated = new("deprecated", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.Boolean, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>readOnly</c>: the value is managed by its owner.</summary>
    public static readonly Keyword ReadOnly = new("readOnly", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.Boolean, SchemaDrafts.All);

    /// <summary><c>writeOnly</c>: the value is never returned.</summary>
    public static readonly Keyword WriteOnly = new("writeOnly", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.Boolean, SchemaDrafts.All);

    /// <summary><c>examples</c>: example values.</summary>
    public static readonly Keyword Examples = new("examples", Vocabulary.MetaData, KeywordKind.Annotation, KeywordValue.ValueArray, SchemaDrafts.All);

    /// <summary><c>format</c>: a semantic format of strings (annotation unless a dialect asserts it).</summary>
    public static readonly Keyword Format = new("format", Vocabulary.Format, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.All);

    /// <summary><c>contentEncoding</c>: the encoding of a string's content.</summary>
    public static readonly Keyword ContentEncoding = new("contentEncoding", Vocabulary.Content, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.All);

    /// <summary><c>contentMediaType</c>: the media type of a string's content.</summary>
    public static readonly Keyword ContentMediaType = new("contentMediaType", Vocabulary.Content, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.All);

    /// <summary><c>contentSchema</c>: the schema of a string's decoded content (an annotation: never applied).</summary>
    public static readonly Keyword ContentSchema = new("contentSchema", Vocabulary.Content, KeywordKind.Annotation, KeywordValue.Schema, SchemaDrafts.Draft201909 | SchemaDrafts.Draft202012);

    /// <summary><c>titleEn</c>: the English counterpart of <c>title</c>.</summary>
    public static readonly Keyword TitleEn = new("titleEn", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.None);

    /// <summary><c>descriptionEn</c>: the English counterpart of <c>description</c>.</summary>
    public static readonly Keyword DescriptionEn = new("descriptionEn", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.None);

    /// <summary><c>persoonsgegeven</c>: the kind of personal data a property can hold (<c>gewoon</c>, <c>bijzonder</c>, <c>strafrechtelijk</c>), read by the sharing policy.</summary>
    public static readonly Keyword Persoonsgegeven = new("persoonsgegeven", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.None);

    /// <summary><c>verwijstNaar</c>: the entity whose <c>id</c> an identifier property holds.</summary>
    public static readonly Keyword VerwijstNaar = new("verwijstNaar", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Text, SchemaDrafts.None);

    /// <summary><c>aanbevolen</c>: the properties of an entity a source should give when it can (not required); completeness is the share of them present.</summary>
    public static readonly Keyword Aanbevolen = new("aanbevolen", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Names, SchemaDrafts.None);

    /// <summary><c>codelijst</c>: a code list's metadata.</summary>
    public static readonly Keyword Codelijst = new("codelijst", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Any, SchemaDrafts.None);

    /// <summary><c>codes</c>: a description of each code of a code list.</summary>
    public static readonly Keyword Codes = new("codes", Vocabulary.Standard, KeywordKind.Annotation, KeywordValue.Any, SchemaDrafts.None);

    private static readonly Keyword[] Ordered =
    [
        Schema, Id, Ref, Anchor, DynamicRef, DynamicAnchor,
        RecursiveRef, RecursiveAnchor, VocabularyMap, Comment, Defs, Definitions,
        AllOf, AnyOf, OneOf, Not, If, Then,
        Else, DependentSchemas, Dependencies, PrefixItems, Items, AdditionalItems,
        Contains, Properties, PatternProperties, AdditionalProperties, PropertyNames, UnevaluatedItems,
        UnevaluatedProperties, Type, Const, Enum, MultipleOf, Maximum,
        ExclusiveMaximum, Minimum, ExclusiveMinimum, MaxLength, MinLength, Pattern,
        MaxItems, MinItems, UniqueItems, MaxContains, MinContains, MaxProperties,
        MinProperties, Required, DependentRequired, Title, Description, Default,
        Deprecated, ReadOnly, WriteOnly, Examples, Format, ContentEncoding,
        ContentMediaType, ContentSchema, TitleEn, DescriptionEn, Persoonsgegeven, VerwijstNaar,
        Aanbevolen, Codelijst, Codes,
    ];

    private static readonly Dictionary<string, Keyword> ByName = Index();

    /// <summary>Every keyword, in the order of the vocabularies (core, applicator, unevaluated, validation, meta-data, format, content, the standard's own).</summary>
    public static IReadOnlyList<Keyword> All => Ordered;

    /// <summary>Finds the keyword named <paramref name="name"/> (ordinal, case-sensitive).</summary>
    /// <param name="name">A member name of a schema object.</param>
    /// <param name="keyword">The keyword, or null when the name is no keyword.</param>
    /// <returns>Whether <paramref name="name"/> is a keyword.</returns>
    public static bool TryGet(string name, out Keyword keyword)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            keyword = found;
            return true;
        }

        keyword = null!;
        return false;
    }

    /// <summary>The keyword named <paramref name="name"/>, or null when the name is no keyword.</summary>
    /// <param name="name">A member name of a schema object.</param>
    public static Keyword? Find(string name) => TryGet(name, out var keyword) ? keyword : null;

    private static Dictionary<string, Keyword> Index()
    {
        var index = new Dictionary<string, Keyword>(System.StringComparer.Ordinal);
        foreach (var keyword in Ordered)
        {
            index.Add(keyword.Name, keyword);
        }

        return index;
    }
}
