using Marten;

namespace PartnerPortal.BuildingBlocks.Data;

/// <summary>
/// The qualified table of a Marten document as Marten maps it (schema and name from the module's configuration), for
/// the SQL a module writes by hand: <c>MartenTables.Of&lt;SurveyResponse&gt;(store)</c> → <c>surveys.mt_doc_surveyresponse</c>.
/// SQL names tables through this, not through literals, so a renamed schema or document type cannot leave a query behind.
/// </summary>
public static class MartenTables
{
    public static string Of<T>(IDocumentStore store) => Of(store, typeof(T));

    public static string Of(IDocumentStore store, Type documentType) =>
        store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName;
}
