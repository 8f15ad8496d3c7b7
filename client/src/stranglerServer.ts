/** The custom requests of the Strangler protocol, typed, over the running language client. */
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Requests,
  type AnalyseParams,
  type GeneratePlanParams,
  type GeneratePlanResult,
  type HotspotsParams,
  type HotspotsResult,
  type InventoryParams,
  type InventoryResult,
  type MarkStepParams,
  type ModuleAtResult,
  type PlanEditResult,
  type PlanParams,
  type PlanResult,
  type SitesResult,
  type StatusParams,
  type ExportFormatItem,
  type ExportParams,
  type ExportResult,
  type MapResult,
} from '../../server/src/shared/protocol';

export class StranglerServer {
  constructor(private readonly client: LanguageClient) {}

  hotspots(params: HotspotsParams = {}): Promise<HotspotsResult> {
    return this.client.sendRequest(Requests.hotspots, params);
  }

  sites(uri: string): Promise<SitesResult> {
    return this.client.sendRequest(Requests.sites, { uri });
  }

  plan(params: PlanParams = {}): Promise<PlanResult> {
    return this.client.sendRequest(Requests.plan, params);
  }

  inventory(params: InventoryParams = {}): Promise<InventoryResult> {
    return this.client.sendRequest(Requests.inventory, params);
  }

  markStepDone(params: MarkStepParams): Promise<PlanEditResult> {
    return this.client.sendRequest(Requests.markStepDone, params);
  }

  generatePlan(params: GeneratePlanParams = {}): Promise<GeneratePlanResult> {
    return this.client.sendRequest(Requests.generatePlan, params);
  }

  analyse(params: AnalyseParams = {}): Promise<unknown> {
    return this.client.sendRequest(Requests.analyse, params);
  }

  moduleAt(uri: string): Promise<ModuleAtResult> {
    return this.client.sendRequest(Requests.moduleAt, { uri });
  }

  status(): Promise<StatusParams> {
    return this.client.sendRequest(Requests.status, {});
  }

  exportFormats(): Promise<ExportFormatItem[]> {
    return this.client.sendRequest(Requests.exportFormats, {});
  }

  export(params: ExportParams): Promise<ExportResult> {
    return this.client.sendRequest(Requests.export, params);
  }

  map(): Promise<MapResult> {
    return this.client.sendRequest(Requests.map, {});
  }
}
