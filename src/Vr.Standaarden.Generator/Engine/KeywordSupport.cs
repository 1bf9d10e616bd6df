using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// What the generated code does with each keyword it compiles, one row per keyword of <see cref="KeywordCatalog"/>: the
/// generator's side of a keyword's description. A keyword's row is stated by its generator part in its folder
/// (<c>Support</c>); this class puts the rows in the order the checks are emitted.
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

    /// <summary>Checked by whichever typed reader the value has.</summary>
    internal const Use Typed = Use.TypedString | Use.TypedNumber | Use.TypedArray | Use.TypedObject | Use.TypedMap;

    // The rows in the order the checks are emitted. A keyword with a generator part in its folder states its own row
    // there (its check's Support); the others are the references and the passes over items and properties.
    private static readonly (Keyword Keyword, Use Use)[] Rows =
    [
        (KeywordCatalog.Ref, Use.Compiled | Use.Streamed),
        .. TypeCheck.Support,
        .. PatternCheck.Support,
        .. LengthCheck.Support,
        .. FormatCheck.Support,
        .. ConstCheck.Support,
        .. EnumCheck.Support,
        .. NumberBoundsCheck.Support,
        .. MultipleOfCheck.Support,
        (KeywordCatalog.Items, Use.Compiled | Use.Streamed | Use.TypedArray),
        (KeywordCatalog.PrefixItems, Use.Compiled),
        .. ItemCountCheck.Support,
        .. UniqueItemsCheck.Support,
        .. ContainsCheck.Support,
        (KeywordCatalog.Properties, Use.Compiled | Use.Streamed | Use.ObjectCheck | Use.TypedObject),
        .. RequiredCheck.Support,
        .. AdditionalPropertiesCheck.Support,
        .. PropertyNamesCheck.Support,
        .. PropertyCountCheck.Support,
        .. DependentRequiredCheck.Support,
        .. PatternPropertiesCheck.Support,
        .. DependentSchemasCheck.Support,
        .. AllOfCheck.Support,
        .. AnyOfCheck.Support,
        .. OneOfCheck.Support,
        .. NotCheck.Support,
        .. IfCheck.Support,
    ];

    /// <summary>The names of the keywords with <paramref name="use"/>, in the order their checks are emitted.</summary>
    public static string[] InOrder(Use use) => Rows.Where(r => (r.Use & use) == use).Select(r => r.Keyword.Name).ToArray();

    /// <summary>The names of the keywords with <paramref name="use"/>, for lookups.</summary>
    public static HashSet<string> Set(Use use) => new(InOrder(use), StringComparer.Ordinal);
}
