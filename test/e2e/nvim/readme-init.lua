-- mp-privacy in Neovim 0.7+ (built-in LSP client). Point `server` at the bundled language server of the
-- packaged extension (it needs only Node.js), or use { 'mp-privacy-language-server', '--stdio' } if installed.
local server = os.getenv('MP_PRIVACY_SERVER') or vim.fn.expand('~/mp-privacy/dist/devtools/mp-privacy.mp-privacy-0.1.0/dist/extension/server.js')

vim.cmd('autocmd BufRead,BufNewFile *.wxml setfiletype wxml')

-- Quick fixes may create files (a page's .wxss); Neovim applies that but 0.7 does not announce it.
local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.workspace.workspaceEdit.documentChanges = true

local clients = {} -- one server per mini program root (the folder holding app.json)
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'wxml', 'javascript', 'typescript', 'json' },
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local app_json = vim.fn.findfile('app.json', dir .. ';')
    if app_json == '' then return end
    local root = vim.fn.fnamemodify(app_json, ':p:h')
    clients[root] = clients[root] or vim.lsp.start_client({
      name = 'mp-privacy',
      cmd = { 'node', server, '--stdio' },
      root_dir = root,
      capabilities = capabilities,
      -- The same settings as in VS Code: enable, rules (severity per rule id), ignore (globs).
      settings = { mpPrivacy = { rules = {}, ignore = {} } },
      on_init = function(client)
        client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      end,
    })
    vim.lsp.buf_attach_client(args.buf, clients[root])
  end,
})
