import { defineRule } from '../rule';
import { asString, isFalse, isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/azure-storage-public',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: Blob Storage "Private endpoint access"; "no public access" for the data services.',
  docs: 'An `azurerm_storage_account` must not let its containers and blobs be made public (`allow_nested_items_to_be_public = false`), and an `azurerm_storage_container` must be `private`.',
  details:
    'Default assumed when `allow_nested_items_to_be_public` is absent: `true` (azurerm 3.x and 4.x), so an account that does not set it is reported; the azurerm 2.x `allow_blob_public_access = true` is reported too. A container\'s `container_access_type` defaults to `private`. Adding `allow_nested_items_to_be_public = false` where it is missing is applied by fix-all; turning an explicit `true` or a public container private is offered but left to you (someone may rely on the anonymous access).',
  messages: {
    account: 'Storage account "{name}" lets containers and blobs be made public ({what}).',
    container: 'Storage container "{name}" is publicly readable (container_access_type = {value}).',
  },
  fixes: ['Set allow_nested_items_to_be_public = false', 'Set container_access_type = "private"'],
  appliesTo: { terraform: ['azurerm_storage_account', 'azurerm_storage_container'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    if (b.type === 'azurerm_storage_container') {
      const access = setting(b.block, ['container_access_type'], scope);
      const v = asString(access.value)?.toLowerCase();
      if (access.attr && (v === 'blob' || v === 'container')) {
        ctx.report(spanOf(ctx, b, access.attr), 'container', { name: b.name, value: shown(access.value) }, [
          settingFix(ctx, b.block, access.attr, 'container_access_type', 'private'),
        ]);
      }
      return;
    }
    const legacy = setting(b.block, ['allow_blob_public_access'], scope);
    if (legacy.attr && isTrue(legacy.value)) {
      ctx.report(spanOf(ctx, b, legacy.attr), 'account', { name: b.name, what: `allow_blob_public_access = ${shown(legacy.value)}` }, [
        settingFix(ctx, b.block, legacy.attr, 'allow_blob_public_access', false),
      ]);
      return;
    }
    const nestedPublic = setting(b.block, ['allow_nested_items_to_be_public'], scope);
    if (isFalse(nestedPublic.value)) return;
    if (nestedPublic.attr && !nestedPublic.value.known) return;
    if (legacy.attr && !nestedPublic.attr) return; // azurerm 2.x configuration that sets the old name to false
    const what = nestedPublic.attr ? `allow_nested_items_to_be_public = ${shown(nestedPublic.value)}` : 'allow_nested_items_to_be_public defaults to true';
    ctx.report(spanOf(ctx, b, nestedPublic.attr), 'account', { name: b.name, what }, [
      settingFix(ctx, b.block, nestedPublic.attr, 'allow_nested_items_to_be_public', false),
    ]);
  },
});
