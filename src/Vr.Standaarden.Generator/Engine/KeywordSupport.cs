using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// What the generated code does with each keyword it compiles, one row per keyword of <see cref="KeywordCatalog"/>: the
/// generator's side of a keyword's description. The rows are in the order the checks are emitted.
/// </summary>
internal static class KeywordSupport
{
    /// <summary>What generated code does with a keyword.</summary>
    [Flags]
    public enum Use
    {
        /// <summary>Nothing: the keyword is not compiled (a diagnostic says so).</summary>
        None = 0,

        /// <summary>Checked by the generated code, in the typed reader or in an element check.</summary>
        Compiled = 1,

        /// <summary>Checked while reading, without a copy of the value (stream validators).</summary>
        Streamed = 2,

        /// <summary>A check of a string value, in this order.</summary>
        StringCheck = 4,

        /// <summary>A check of a number, in this order.</summary>
        NumberCheck = 8,

        /// <summary>A check of an array's length.</summary>
        CountCheck = 16,

        /// <summary>A check of an object's members, in this order.</summary>
        ObjectCheck = 32,

        /// <summary>Fully checked by the typed reader of a string (and of dates, uuids and code lists).</summary>
        TypedString = 128,

        /// <summary>Fully checked by the typed reader of a number.</summary>
        TypedNumber = 256,

        /// <summary>Fully checked by the typed reader of a list.</summary>
        TypedArray = 512,

        /// <summary>Fully checked by the typed reader of a class.</summary>
        TypedObject = 1024,

        /// <summary>Fully checked by the typed reader of a dictionary.</summary>
        TypedMap = 2048,
    }

    private const Use Typed = Use.TypedString | Use.TypedNumber | Use.TypedArray | Use.TypedObject | Use.TypedMap;

    private static readonly (Keyword Keyword, Use Use)[] Rows =
    [
        (KeywordCatalog.Ref, Use.Compiled | Use.Streamed),
        (KeywordCatalog.Type, Use.Compiled | Use.Streamed | Typed),
        (KeywordCatalog.Pattern, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
        (KeywordCatalog.MinLength, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
        (KeywordCatalog.MaxLength, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
        (KeywordCatalog.Format, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
        (KeywordCatalog.Const, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString | Use.TypedNumber),
        (KeywordCatalog.Enum, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
        (KeywordCatalog.Minimum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.Maximum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.ExclusiveMinimum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.ExclusiveMaximum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.MultipleOf, Use.Compiled),
        (KeywordCatalog.Items, Use.Compiled | Use.Streamed | Use.TypedArray),
        (KeywordCatalog.PrefixItems, Use.Compiled),
        (KeywordCatalog.MinItems, Use.Compiled | Use.Streamed | Use.CountCheck | Use.TypedArray),
        (KeywordCatalog.MaxItems, Use.Compiled | Use.Streamed | Use.CountCheck | Use.TypedArray),
        (KeywordCatalog.UniqueItems, Use.Compiled | Use.TypedArray),
        (KeywordCatalog.Contains, Use.Compiled),
        (KeywordCatalog.MinContains, Use.Compiled),
        (KeywordCatalog.MaxContains, Use.Compiled),
        (KeywordCatalog.Properties, Use.Compiled | Use.Streamed | Use.ObjectCheck | Use.TypedObject),
        (KeywordCatalog.Required, Use.Compiled | Use.Streamed | Use.ObjectCheck | Use.TypedObject),
        (KeywordCatalog.AdditionalProperties, Use.Compiled | Use.Streamed | Use.ObjectCheck | Use.TypedObject | Use.TypedMap),
        (KeywordCatalog.PropertyNames, Use.Compiled | Use.ObjectCheck | Use.TypedMap),
        (KeywordCatalog.MinProperties, Use.Compiled | Use.ObjectCheck),
        (KeywordCatalog.MaxProperties, Use.Compiled | Use.ObjectCheck),
        (KeywordCatalog.DependentRequired, Use.Compiled | Use.ObjectCheck),
        (KeywordCatalog.PatternProperties, Use.Compiled | Use.ObjectCheck),
        (KeywordCatalog.DependentSchemas, Use.Compiled | Use.ObjectCheck),
        (KeywordCatalog.AllOf, Use.Compiled | Use.Streamed),
        (KeywordCatalog.AnyOf, Use.Compiled),
        (KeywordCatalog.OneOf, Use.Compiled),
        (KeywordCatalog.Not, Use.Compiled),
        (KeywordCatalog.If, Use.Compiled | Use.Streamed),
        (KeywordCatalog.Then, Use.Compiled | Use.Streamed),
        (KeywordCatalog.Else, Use.Compiled | Use.Streamed),
    ];

    /// <summary>The names of the keywords with <paramref name="use"/>, in the order their checks are emitted.</summary>
    public static string[] InOrder(Use use) => Rows.Where(r => (r.Use & use) == use).Select(r => r.Keyword.Name).ToArray();

    /// <summary>The names of the keywords with <paramref name="use"/>, for lookups.</summary>
    public static HashSet<string> Set(Use use) => new(InOrder(use), StringComparer.Ordinal);
}
