using Campaigns.Domain.Models;

namespace Campaigns.Web.Features.Models;

public static class ModelTitles
{
    public static string Of(ModelKind kind) => kind switch
    {
        ModelKind.UpliftTargeting => "Uplift targeting",
        ModelKind.CopyGenerator => "Copy generator",
        ModelKind.CtrRanker => "Click-through ranker",
        _ => kind.ToString(),
    };
}
