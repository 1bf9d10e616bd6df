namespace Vr.Standaarden.Schema.Model;

/// <summary>What a keyword contributes to the outcome of an evaluation.</summary>
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
enum KeywordKind
{
    /// <summary>Identifies, references, declares or comments (<c>$id</c>, <c>$ref</c>, <c>$defs</c>, <c>$comment</c>, …): no result of its own.</summary>
    Core,

    /// <summary>Applies subschemas to the instance or parts of it and combines their results (<c>properties</c>, <c>allOf</c>, …).</summary>
    Applicator,

    /// <summary>Can make an instance invalid by itself (<c>minLength</c>, <c>required</c>, <c>type</c>, …).</summary>
    Assertion,

    /// <summary>Only says something about the instance; never makes it invalid (<c>title</c>, <c>default</c>, the standard's <c>persoonsgegeven</c>, …).</summary>
    Annotation,
}

/// <summary>The shape a keyword's value must have, as its meta-schema states it.</summary>
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
enum KeywordValue
{
    /// <summary>One schema (an object or a boolean).</summary>
    Schema,

    /// <summary>A non-empty array of schemas.</summary>
    SchemaArray,

    /// <summary>An object whose member values are schemas.</summary>
    SchemaMap,

    /// <summary>One schema, or (draft-07 and 2019-09 <c>items</c>) an array of schemas.</summary>
    SchemaOrSchemaArray,

    /// <summary>An object whose member values are schemas or arrays of unique property names (<c>dependencies</c>).</summary>
    SchemaOrNamesMap,

    /// <summary>An object whose member values are arrays of unique property names (<c>dependentRequired</c>).</summary>
    NamesMap,

    /// <summary>An integer of zero or more.</summary>
    NonNegativeInteger,

    /// <summary>Any number.</summary>
    Number,

    /// <summary>A number greater than zero (<c>multipleOf</c>).</summary>
    PositiveNumber,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Any string (a text, a name, a media type).</summary>
    Text,

    /// <summary>A URI reference (<c>$id</c>, <c>$ref</c>, …).</summary>
    UriReference,

    /// <summary>An anchor name (<c>$anchor</c>, <c>$dynamicAnchor</c>).</summary>
    AnchorName,

    /// <summary>An ECMA-262 regular expression.</summary>
    Pattern,

    /// <summary>A type name, or a non-empty array of unique type names (<c>type</c>).</summary>
    TypeNames,

    /// <summary>An array of unique strings (<c>required</c>).</summary>
    Names,

    /// <summary>An array of values (<c>enum</c>, <c>examples</c>).</summary>
    ValueArray,

    /// <summary>An object whose members map a vocabulary URI to a boolean (<c>$vocabulary</c>).</summary>
    VocabularyMap,

    /// <summary>Any JSON value (<c>const</c>, <c>default</c>, and the standard's own annotations with a structured value).</summary>
    Any,
}

/// <summary>Where a keyword's subschemas sit in its value; a combination where the shape of the value decides.</summary>
[System.Flags]
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
enum SubschemaPlacement
{
    /// <summary>The keyword holds no subschemas.</summary>
    None = 0,

    /// <summary>The value itself is a schema (when it is an object or a boolean).</summary>
    Value = 1,

    /// <summary>Every item of the value is a schema (when the value is an array).</summary>
    Items = 2,

    /// <summary>Every member value of the value is a schema (when the value is an object and the member value is an object or a boolean).</summary>
    Members = 4,
}

/// <summary>The JSON Schema drafts a keyword belongs to.</summary>
[System.Flags]
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
enum SchemaDrafts
{
    /// <summary>No draft: the keyword is the standard's own.</summary>
    None = 0,

    /// <summary>Draft-07.</summary>
    Draft7 = 1,

    /// <summary>Draft 2019-09.</summary>
    Draft201909 = 2,

    /// <summary>Draft 2020-12.</summary>
    Draft202012 = 4,

    /// <summary>All three drafts.</summary>
    All = Draft7 | Draft201909 | Draft202012,
}
