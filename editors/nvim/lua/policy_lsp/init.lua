-- policy-lsp for Neovim: AWS access-policy JSON (IAM, trust, KMS key, S3 bucket, SCP), and the
-- policies inside CloudFormation templates (YAML, JSON) and Terraform files.
--
--   vim.opt.runtimepath:append('/path/to/policy-lsp/editors/nvim')
--   require('policy_lsp').setup({})
--
-- Works with plain vim.lsp, no plugins: Neovim 0.11+ (vim.lsp.config / vim.lsp.enable),
-- 0.8-0.10 (vim.lsp.start on FileType), 0.7 (vim.lsp.start_client + buf_attach_client).
local M = {}

-- Newer names where they exist (0.10+), the old ones on 0.7-0.9: no deprecation warnings.
local uv = vim.uv or vim.loop
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients

M.default_patterns = {
  '**/*.iam.json',
  '**/*.trust.json',
  '**/*.rcp.json',
  '**/*.kms.json',
  '**/*.s3.json',
  '**/*.scp.json',
  '**/*policy*.json',
  '**/*trust*.json',
}

M.defaults = {
  -- Command to run; default: { server_path or 'policy-lsp', 'serve', unpack(extra_args) }.
  cmd = nil,
  server_path = nil,
  extra_args = {},
  -- JSON policies and CloudFormation JSON templates; CloudFormation YAML templates; Terraform
  -- files (`terraform`, or `hcl` where a config maps `*.tf` to it).
  filetypes = { 'json', 'jsonc', 'yaml', 'terraform', 'hcl' },
  -- Files whose names match these globs are always attached.
  file_patterns = M.default_patterns,
  -- Other JSON files are attached when their first `sniff_bytes` have a "Statement" or
  -- "Version" key, or their names match a glob of `settings.kinds`: the server's own test
  -- (a kind suffix or config glob, or a top-level Statement or Version), loosened so that
  -- every document the server takes for a policy is attached; the server publishes nothing
  -- for the rest. Set `attach_all_json = true` to send every JSON buffer to the server.
  -- Host files: a `*.tf`, `*.json.tpl` or `*.json.tftpl` buffer is always attached; a YAML
  -- (`*.yaml`, `*.yml`, `*.template`, `*.cfn`) or JSON buffer when its first
  -- `template_sniff_bytes` (1 MB, CloudFormation's own limit on a template) mention
  -- `AWSTemplateFormatVersion` or an `AWS::` type: the server's test, loosened; it publishes
  -- nothing for other YAML. YAML buffers with other names (`.clang-format`, ...) are left alone.
  sniff = true,
  sniff_bytes = 4096,
  template_sniff_bytes = 1048576,
  attach_all_json = false,
  root_markers = { 'policy-lsp.toml', '.policy-lsp.toml', '.git' },
  -- Sent to the server as initializationOptions.policyLsp and as settings.policyLsp
  -- (same names as the VS Code settings policyLsp.*).
  settings = {
    -- notes = { paths = {} },
    -- rules = { ['public-access'] = 'error', ['action-case'] = 'off' },
    -- kinds = { ['keys/**/*.json'] = 'kms-key' },
    -- catalog = { path = '' },
  },
  on_attach = nil,
  capabilities = nil,
  handlers = nil,
  -- Which client API to use: 'auto', 'config' (0.11), 'start' (0.8), 'start_client' (0.7).
  api = 'auto',
}

M.options = nil
local status = {} -- bufnr -> { kind, reason, catalogDate }

local function merge(a, b)
  return vim.tbl_deep_extend('force', {}, a or {}, b or {})
end

-- ---------------------------------------------------------------- detection
local glob_cache = {}
local function glob_regex(glob)
  local r = glob_cache[glob]
  if not r then
    -- Names are matched on the basename: '**/*.iam.json' -> '*.iam.json'.
    local base = glob:gsub('^%*%*/', '')
    r = vim.fn.glob2regpat(base)
    glob_cache[glob] = r
  end
  return r
end

function M.name_matches(path, patterns)
  local name = vim.fn.fnamemodify(path, ':t')
  for _, g in ipairs(patterns or M.default_patterns) do
    if vim.fn.match(name, glob_regex(g)) >= 0 then
      return true
    end
  end
  return false
end

--- Does the text have a "Statement" or "Version" key? (The server's test is a top-level
--- one; this one may say yes to more, never to less, within the text it is given.)
function M.content_looks_like_policy(text)
  return text:find('"Statement"%s*:') ~= nil or text:find('"Version"%s*:') ~= nil
end

--- Does `path` match a glob of the `kinds` setting (files the server is told are
--- policies)? The globs are relative to the config's folder: matched at any depth.
local function kind_glob_matches(path, opts)
  for glob, _ in pairs(((opts or {}).settings or {}).kinds or {}) do
    local g = glob:gsub('^/', '')
    if not g:find('^%*%*/') then
      g = '**/' .. g
    end
    if vim.fn.match(path, vim.fn.glob2regpat(g)) >= 0 then
      return true
    end
  end
  return false
end

local function buffer_head(bufnr, nbytes)
  local out, size = {}, 0
  local n = vim.api.nvim_buf_line_count(bufnr)
  local i = 0
  while i < n and size < nbytes do
    local chunk = vim.api.nvim_buf_get_lines(bufnr, i, math.min(i + 64, n), false)
    for _, l in ipairs(chunk) do
      out[#out + 1] = l
      size = size + #l + 1
      if size >= nbytes then
        break
      end
    end
    i = i + 64
  end
  return table.concat(out, '\n'):sub(1, nbytes)
end

-- ---------------------------------------------------------------- host files
--- The language id sent in didOpen: the buffer's language (`json`, `jsonc`, `yaml`,
--- `terraform`, `hcl`), from the file name when the filetype does not say (`*.tf` is
--- Terraform whatever the filetype). The server picks the host from the file name.
function M.language_id(bufnr, filetype)
  local name = bufnr and vim.api.nvim_buf_get_name(bufnr) or ''
  if name:lower():match('%.tf$') then
    return 'terraform'
  end
  if filetype == 'yaml' or filetype == 'jsonc' or filetype == 'terraform' or filetype == 'hcl' then
    return filetype
  end
  if name:lower():match('%.ya?ml$') then
    return 'yaml'
  end
  return 'json'
end

--- What kind of host the file name makes a buffer: 'terraform' (`*.tf`), 'template'
--- (`*.json.tpl`, `*.json.tftpl`: always analysed), 'yaml' (`*.yaml`, `*.yml`, `*.template`,
--- `*.cfn`: a CloudFormation template if the content says so) or nil.
function M.host_name_kind(path)
  local n = vim.fn.fnamemodify(path or '', ':t'):lower()
  if n:match('%.tf$') then
    return 'terraform'
  end
  if n:match('%.json%.tpl$') or n:match('%.json%.tftpl$') then
    return 'template'
  end
  if n:match('%.ya?ml$') or n:match('%.template$') or n:match('%.cfn$') then
    return 'yaml'
  end
  return nil
end

--- Does the text look like a CloudFormation template? (`AWSTemplateFormatVersion`, or an
--- `AWS::` type; the server's test also wants a `Resources` section: this one says yes to
--- more, never to less.)
function M.content_looks_like_template(text)
  return text:find('AWSTemplateFormatVersion', 1, true) ~= nil or text:find('AWS::', 1, true) ~= nil
end

--- Is this buffer a CloudFormation template or Terraform file the server analyses?
function M.is_host_buffer(bufnr, opts)
  opts = opts or M.options or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  local kind = M.host_name_kind(name)
  if kind == 'terraform' or kind == 'template' then
    return true
  end
  local json = name:lower():match('%.json$') ~= nil
  if kind == 'yaml' or json then
    return M.content_looks_like_template(buffer_head(bufnr, opts.template_sniff_bytes or 1048576))
  end
  return false
end

--- Is this buffer a policy document, or a host file with policies, that we should attach to?
function M.is_policy_buffer(bufnr, opts)
  opts = opts or M.options or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local ft = vim.bo[bufnr].filetype
  local json_ft = ft == 'json' or ft == 'jsonc' or ft == ''
  if not json_ft or M.host_name_kind(vim.api.nvim_buf_get_name(bufnr)) then
    -- YAML, Terraform, HCL buffers (and host-named ones): only host files.
    return M.is_host_buffer(bufnr, opts)
  end
  if opts.attach_all_json then
    return true
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if M.is_host_buffer(bufnr, opts) then
    return true
  end
  if name ~= '' and (M.name_matches(name, opts.file_patterns) or kind_glob_matches(name, opts)) then
    return true
  end
  if opts.sniff then
    return M.content_looks_like_policy(buffer_head(bufnr, opts.sniff_bytes or 4096))
  end
  return false
end

-- ---------------------------------------------------------------- root
local function exists(p)
  return uv.fs_stat(p) ~= nil
end

function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path ~= '' and path or vim.fn.getcwd(), ':p:h')
  while dir and dir ~= '' do
    for _, m in ipairs(markers) do
      if exists(dir .. '/' .. m) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.fn.fnamemodify(path ~= '' and path or vim.fn.getcwd(), ':p:h')
end

-- ---------------------------------------------------------------- client config
function M.server_cmd(opts)
  opts = opts or M.options or M.defaults
  if opts.cmd then
    return opts.cmd
  end
  local cmd = { opts.server_path or 'policy-lsp', 'serve' }
  for _, a in ipairs(opts.extra_args or {}) do
    cmd[#cmd + 1] = a
  end
  return cmd
end

local function status_handler(_, result, ctx)
  if type(result) ~= 'table' or type(result.uri) ~= 'string' then
    return
  end
  local ok, bufnr = pcall(vim.uri_to_bufnr, result.uri)
  if ok and bufnr then
    status[bufnr] = { kind = result.kind, reason = result.reason, catalogDate = result.catalogDate }
    pcall(vim.api.nvim_buf_set_var, bufnr, 'policy_lsp_kind', result.kind or '')
  end
  return vim.NIL
end

--- Client config table shared by every API path (name, cmd, settings, handlers...).
function M.client_config(opts)
  opts = opts or M.options or M.defaults
  local handlers = merge({ ['policyLsp/status'] = status_handler }, opts.handlers)
  return {
    name = 'policy_lsp',
    cmd = M.server_cmd(opts),
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = { policyLsp = opts.settings or {} },
    settings = { policyLsp = opts.settings or {} },
    handlers = handlers,
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
    get_language_id = M.language_id,
  }
end

-- ---------------------------------------------------------------- attach paths
local function attach_0_7(bufnr, opts)
  local cfg = M.client_config(opts)
  local root = M.find_root(vim.api.nvim_buf_get_name(bufnr), opts.root_markers)
  for _, c in pairs(get_clients()) do
    -- `c:is_stopped()`: a method on 0.11+ (`c.is_stopped()` is deprecated there); on
    -- 0.7 a closure that ignores the extra argument.
    if c.name == cfg.name and c.config.root_dir == root and not c:is_stopped() then
      vim.lsp.buf_attach_client(bufnr, c.id)
      return c.id
    end
  end
  cfg.root_dir = root
  cfg.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
  local id = vim.lsp.start_client(cfg) -- 0.7 has no vim.lsp.start; only 0.7 gets here
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local function attach_0_8(bufnr, opts)
  local cfg = M.client_config(opts)
  cfg.root_dir = M.find_root(vim.api.nvim_buf_get_name(bufnr), opts.root_markers)
  return vim.lsp.start(cfg, { bufnr = bufnr })
end

--- Attach the server to a buffer if it is a policy document (used by the FileType autocmd).
function M.attach(bufnr, force)
  local opts = M.options or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if not force and not M.is_policy_buffer(bufnr, opts) then
    return nil
  end
  if M.api == 'start' then
    return attach_0_8(bufnr, opts)
  end
  return attach_0_7(bufnr, opts)
end

local function pick_api(opts)
  if opts.api and opts.api ~= 'auto' then
    return opts.api
  end
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    return 'config'
  end
  if vim.lsp.start ~= nil then
    return 'start'
  end
  return 'start_client'
end

function M.setup(user_opts)
  local opts = merge(M.defaults, user_opts)
  if user_opts and user_opts.file_patterns then
    opts.file_patterns = user_opts.file_patterns -- lists replace, not merge
  end
  M.options = opts
  M.api = pick_api(opts)

  if M.api == 'config' then
    -- Neovim 0.11+: declarative config; root_dir decides whether to attach at all.
    local cfg = M.client_config(opts)
    cfg.name = nil
    cfg.root_dir = function(bufnr, on_dir)
      if M.is_policy_buffer(bufnr, opts) then
        on_dir(M.find_root(vim.api.nvim_buf_get_name(bufnr), opts.root_markers))
      end
    end
    vim.lsp.config('policy_lsp', cfg)
    vim.lsp.enable('policy_lsp')
  else
    local group = vim.api.nvim_create_augroup('policy_lsp', { clear = true })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = opts.filetypes,
      callback = function(args)
        M.attach(args.buf)
      end,
    })
    -- Buffers already open when setup() runs.
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(opts.filetypes, vim.bo[b].filetype) then
        M.attach(b)
      end
    end
  end

  vim.api.nvim_create_user_command('PolicyLspExplain', function(a)
    M.explain(a.args ~= '' and a.args or nil)
  end, { nargs = '?', desc = 'Explain a policy-lsp rule (default: the diagnostic under the cursor)' })
  vim.api.nvim_create_user_command('PolicyLspCheck', function(a)
    M.check(a.args ~= '' and a.args or nil)
  end, { nargs = '?', complete = 'dir', desc = 'Run policy-lsp check on a folder into the quickfix list' })
  return M
end

-- ---------------------------------------------------------------- extras
--- Document kind reported by the server (policyLsp/status), e.g. for a statusline.
function M.status(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local s = status[bufnr]
  return s and s.kind and ('IAM: ' .. s.kind) or ''
end

function M.explain(rule_id)
  local opts = M.options or M.defaults
  if not rule_id then
    local lnum = vim.api.nvim_win_get_cursor(0)[1] - 1
    for _, d in ipairs(vim.diagnostic.get(0, { lnum = lnum })) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code then
        rule_id = tostring(code)
        break
      end
    end
  end
  if not rule_id then
    vim.notify('policy-lsp: no diagnostic with a rule id on this line', vim.log.levels.WARN)
    return
  end
  local cmd = { M.server_cmd(opts)[1], 'explain', rule_id }
  local out = vim.fn.systemlist(cmd)
  if vim.v.shell_error ~= 0 then
    vim.notify('policy-lsp explain failed: ' .. table.concat(out, '\n'), vim.log.levels.ERROR)
    return
  end
  vim.cmd('new')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, out)
  vim.bo.buftype, vim.bo.bufhidden, vim.bo.filetype, vim.bo.modifiable = 'nofile', 'wipe', 'markdown', false
end

function M.check(dir)
  local opts = M.options or M.defaults
  dir = dir or vim.fn.getcwd()
  local raw = vim.fn.system({ M.server_cmd(opts)[1], 'check', '--format', 'json', dir })
  if vim.v.shell_error > 1 then
    vim.notify('policy-lsp check failed: ' .. raw, vim.log.levels.ERROR)
    return
  end
  local ok, list = pcall(vim.fn.json_decode, raw)
  if not ok or type(list) ~= 'table' then
    vim.notify('policy-lsp check: unreadable output', vim.log.levels.ERROR)
    return
  end
  local sev = { error = 'E', warning = 'W', information = 'I', hint = 'N' }
  local items = {}
  for _, e in ipairs(list) do
    items[#items + 1] = {
      filename = e.file,
      lnum = e.range.start.line + 1,
      col = e.range.start.character + 1,
      type = sev[e.severity] or 'W',
      text = (e.code and ('[' .. tostring(e.code) .. '] ') or '') .. e.message,
    }
  end
  vim.fn.setqflist({}, ' ', { title = 'policy-lsp check', items = items })
  if #items > 0 then
    vim.cmd('copen')
  else
    vim.notify('policy-lsp: no problems')
  end
end

return M
