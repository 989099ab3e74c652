using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys;

/// <summary><see cref="DetractorResponses.View"/> (ADR 0049), a schema feature that depends on the responses' document so
/// that the view is created after the table it reads.</summary>
internal sealed class DetractorView(StoreOptions options) : Weasel.Core.Migrations.FeatureSchemaBase("surveys-detractor-view", options.Advanced.Migrator)
{
    public override IEnumerable<Type> DependentTypes() => [typeof(SurveyResponse)];

    /// <summary>The responses' table as Marten maps it (the store's options are complete when the schema is built).</summary>
    private string ResponsesTable =>
        options.Storage.FindFeature(typeof(SurveyResponse)).Objects.OfType<Weasel.Postgresql.Tables.Table>().First().Identifier.QualifiedName;

    protected override IEnumerable<Weasel.Core.ISchemaObject> schemaObjects() =>
    [
        new Weasel.Postgresql.Views.View(DetractorResponses.View,
            "select id, partner_id, shop_id, quarter, touchpoint, data ->> 'comment' as comment, responded_at_utc as responded_at, received_at "
            + $"from {ResponsesTable} where {SurveysModule.DetractorPredicate}"),
    ];
}
